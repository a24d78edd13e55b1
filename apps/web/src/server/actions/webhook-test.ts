import 'server-only';
import type { Actor } from '@agent-studio/core';
import { WEBHOOK_TEST_EVENT } from '@agent-studio/core/webhook-events';
import { enqueueWebhookDelivery, getWebhook, type WebhookDeliveryRow } from '@agent-studio/database';
import { getDb } from '../db';
import { recorded } from './activity';
import { existing } from './lookup';

/** A test delivery: the bridge sends it (web never calls out); the delivery log shows how it went. */
export async function testWebhook(actor: Actor, webhookId: string): Promise<WebhookDeliveryRow> {
  const webhook = await existing('Webhook', webhookId, getWebhook);
  const payload = {
    message: 'A test delivery from Agent Studio: your endpoint is reachable and can check the signature.',
    webhook: { id: webhook.id, name: webhook.name },
  };
  const target = { kind: 'webhook' as const, id: webhook.id, label: webhook.name };
  return recorded(actor, { action: 'webhook.test', target }, async () =>
    enqueueWebhookDelivery(await getDb(), webhook.id, WEBHOOK_TEST_EVENT, payload),
  );
}
