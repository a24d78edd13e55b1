import 'server-only';
import { alertChannelPatchBody } from '@agent-studio/core/api';
import { getAlertChannel, updateAlertChannel, type AlertChannelRow } from '@agent-studio/database';
import { getDb } from '../db';
import { refuseLeavingGatewayRulesWithoutDirectChannel } from './alert-gateway-rules';
import { notFound, validate } from './errors';
import { existing } from './lookup';
import { channelConfig, sealedChannelSecret } from './alert-channel-create';

/**
 * Changes a channel; a new secret replaces the stored one (sealed), none given keeps it. Owner's session only.
 * Turning it off is refused when a rule about the gateway would be left to go only through it.
 */
export async function changeAlertChannel(channelId: string, input: unknown): Promise<AlertChannelRow> {
  const current = await existing('Alert channel', channelId, getAlertChannel);
  const body = validate('body', alertChannelPatchBody, input);
  const config = body.config ? channelConfig(current.kind, body.config) : undefined;
  const secret = await sealedChannelSecret(current.kind, body.secret);
  const db = await getDb();
  if (body.enabled === false) await refuseLeavingGatewayRulesWithoutDirectChannel(db, current.id);
  const channel = await updateAlertChannel(db, current.id, {
    name: body.name,
    config,
    secretSealed: secret?.sealed,
    secretHint: secret?.hint,
    enabled: body.enabled,
    allowPrivateNetwork: body.allowPrivateNetwork,
  });
  if (!channel) throw notFound('Alert channel');
  return channel;
}
