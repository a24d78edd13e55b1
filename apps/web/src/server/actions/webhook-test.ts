import 'server-only';
import { WEBHOOK_TEST_EVENT } from '@agent-studio/core/webhook-events';
import { enqueueWebhookDelivery, getWebhook, type WebhookDeliveryRow } from '@agent-studio/database';
import { getDb } from '../db';
import { existing } from './lookup';

/** A test delivery: the bridge sends it (web never calls out); the delivery log shows how it went. */
export async function testWebhook(webhookId: string): Promise<WebhookDeliveryRow> {
  const webhook = await existing('Webhook', webhookId, getWebhook);
  const payload = {
    message: 'A test delivery from Agent Studio: your endpoint is reachable and can check the signature.',
    webhook: { id: webhook.id, name: webhook.name },
  };
  return enqueueWebhookDelivery(await getDb(), webhook.id, WEBHOOK_TEST_EVENT, payload);
}
