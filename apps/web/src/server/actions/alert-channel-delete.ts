import 'server-only';
import { deleteAlertChannel, getAlertChannel } from '@agent-studio/database';
import { getDb } from '../db';
import { refuseLeavingGatewayRulesWithoutDirectChannel } from './alert-gateway-rules';
import { notFound } from './errors';
import { existing } from './lookup';

/**
 * Deletes a channel and its delivery log; the rules that used it no longer do. Refused when a rule about the
 * gateway would be left to go only through it.
 */
export async function removeAlertChannel(channelId: string): Promise<void> {
  const channel = await existing('Alert channel', channelId, getAlertChannel);
  const db = await getDb();
  await refuseLeavingGatewayRulesWithoutDirectChannel(db, channel.id);
  if (!(await deleteAlertChannel(db, channel.id))) throw notFound('Alert channel');
}
