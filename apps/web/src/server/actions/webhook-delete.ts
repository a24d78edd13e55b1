import 'server-only';
import type { Actor } from '@agent-studio/core';
import { deleteWebhook, getWebhook } from '@agent-studio/database';
import { getDb } from '../db';
import { recorded } from './activity';
import { notFound } from './errors';
import { existing } from './lookup';

export async function removeWebhook(actor: Actor, webhookId: string): Promise<void> {
  const webhook = await existing('Webhook', webhookId, getWebhook);
  const target = { kind: 'webhook' as const, id: webhook.id, label: webhook.name };
  await recorded(actor, { action: 'webhook.delete', target }, async () => {
    if (!(await deleteWebhook(await getDb(), webhook.id))) throw notFound('Webhook');
  });
}
