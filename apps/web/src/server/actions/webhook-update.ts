import 'server-only';
import type { Actor } from '@agent-studio/core';
import { webhookPatchFor } from '@agent-studio/core/api';
import { getWebhook, updateWebhook, type WebhookRow } from '@agent-studio/database';
import { getDb } from '../db';
import { recorded } from './activity';
import { notFound, validate } from './errors';
import { existing } from './lookup';

/** A change can re-point the webhook or allow private addresses: only the owner's own session may call this. */
export async function changeWebhook(actor: Actor, webhookId: string, input: unknown): Promise<WebhookRow> {
  const current = await existing('Webhook', webhookId, getWebhook);
  const schema = webhookPatchFor({ url: current.url, allowPrivateNetwork: current.allow_private_network });
  const body = validate('body', schema, input);
  const eventTypes = body.eventTypes && [...new Set(body.eventTypes)];
  const target = { kind: 'webhook' as const, id: current.id, label: current.name };
  return recorded(actor, { action: 'webhook.update', target, detail: { fields: Object.keys(body) } }, async () => {
    const webhook = await updateWebhook(await getDb(), current.id, { ...body, eventTypes });
    if (!webhook) throw notFound('Webhook');
    return webhook;
  });
}
