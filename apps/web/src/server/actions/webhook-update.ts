import 'server-only';
import { webhookPatchFor } from '@agent-studio/core/api';
import { getWebhook, updateWebhook, type WebhookRow } from '@agent-studio/database';
import { getDb } from '../db';
import { notFound, validate } from './errors';
import { existing } from './lookup';

/** A change can re-point the webhook or allow private addresses: only the owner's own session may call this. */
export async function changeWebhook(webhookId: string, input: unknown): Promise<WebhookRow> {
  const current = await existing('Webhook', webhookId, getWebhook);
  const schema = webhookPatchFor({ url: current.url, allowPrivateNetwork: current.allow_private_network });
  const body = validate('body', schema, input);
  const webhook = await updateWebhook(await getDb(), current.id, {
    ...body,
    eventTypes: body.eventTypes && [...new Set(body.eventTypes)],
  });
  if (!webhook) throw notFound('Webhook');
  return webhook;
}
