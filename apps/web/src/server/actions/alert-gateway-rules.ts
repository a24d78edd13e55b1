import 'server-only';
import {
  alertRules,
  listAlertChannels,
  listAlertRuleSettings,
  type AlertChannelRow,
  type Db,
} from '@agent-studio/database';
import { DomainError } from './errors';

type ChannelState = Pick<AlertChannelRow, 'id' | 'kind' | 'enabled'>;

/** Whether a rule about the gateway sent to `channelIds` would reach the owner without it: an enabled direct channel. */
export const reachesWithoutGateway = (channelIds: readonly string[], channels: ReadonlyMap<string, ChannelState>) =>
  channelIds.some((id) => {
    const c = channels.get(id);
    return c !== undefined && c.enabled && c.kind !== 'openclaw';
  });

/**
 * An alert about the gateway being away never goes only through the gateway: deleting or turning off a channel
 * is refused when an enabled rule about the gateway would then have no direct channel left, naming the rule.
 */
export async function refuseLeavingGatewayRulesWithoutDirectChannel(db: Db, channelId: string): Promise<void> {
  const before = new Map((await listAlertChannels(db)).map((c) => [c.id, c]));
  const after = new Map(before);
  after.delete(channelId);
  for (const s of await listAlertRuleSettings(db)) {
    const rule = alertRules.find((r) => r.kind === s.kind);
    if (!rule?.aboutGateway || !s.enabled) continue;
    if (reachesWithoutGateway(s.channel_ids, before) && !reachesWithoutGateway(s.channel_ids, after))
      throw new DomainError(
        'invalid_transition',
        `The rule “${rule.label}” would then go only through the gateway it is about: give it another direct channel, or turn it off, first.`,
      );
  }
}
