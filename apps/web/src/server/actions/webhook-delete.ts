import 'server-only';
import { deleteWebhook } from '@agent-studio/database';
import { getDb } from '../db';
import { notFound } from './errors';

export async function removeWebhook(webhookId: string): Promise<void> {
  if (!(await deleteWebhook(await getDb(), webhookId))) throw notFound('Webhook');
}
