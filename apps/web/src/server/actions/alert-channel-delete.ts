import 'server-only';
import { deleteAlertChannel, getAlertChannel } from '@agent-studio/database';
import { getDb } from '../db';
import { notFound } from './errors';
import { existing } from './lookup';

/** Deletes a channel and its delivery log; the rules that used it no longer do. */
export async function removeAlertChannel(channelId: string): Promise<void> {
  const channel = await existing('Alert channel', channelId, getAlertChannel);
  if (!(await deleteAlertChannel(await getDb(), channel.id))) throw notFound('Alert channel');
}
