import 'server-only';
import { z } from 'zod';
import { alertRulePatchBody } from '@agent-studio/core/api';
import { alertRuleByKind, listAlertChannels, saveAlertRule, type AlertRuleSettings } from '@agent-studio/database';
import { getDb } from '../db';
import { reachesWithoutGateway } from './alert-gateway-rules';
import { invalidField, notFound, validate } from './errors';

/**
 * Turns a rule on or off with its channels, settings and quiet hours. An alert about the gateway being away
 * never goes only through the gateway: such a rule needs a channel that does not depend on it.
 */
export async function setAlertRule(kind: string, input: unknown): Promise<AlertRuleSettings> {
  const rule = alertRuleByKind(kind);
  if (!rule) throw notFound('Alert rule');
  const body = validate('body', alertRulePatchBody, input);
  const params = validate('body', z.object({ params: rule.params }), { params: body.params }).params;
  const db = await getDb();
  const channels = new Map((await listAlertChannels(db)).map((c) => [c.id, c]));
  const channelIds = [...new Set(body.channelIds)];
  const unknown = channelIds.find((id) => !channels.has(id));
  if (unknown) throw invalidField('channelIds', `no channel ${unknown}`);
  if (body.enabled && !channelIds.length) throw invalidField('channelIds', 'choose at least one channel');
  if (rule.aboutGateway && channelIds.length && !reachesWithoutGateway(channelIds, channels))
    throw invalidField(
      'channelIds',
      'this alert is about the gateway being away, so it cannot go only through the gateway: add a direct channel that is on',
    );
  return saveAlertRule(db, kind, { enabled: body.enabled, channelIds, params, quietHours: body.quietHours });
}
