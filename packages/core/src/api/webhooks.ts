import { z } from 'zod';
import { webhookEventTypes } from '../webhook-events';
import { isoDate, uuid, webUrl } from './common';

const eventTypes = z.array(z.enum(webhookEventTypes)).min(1, 'choose at least one event type').max(webhookEventTypes.length, 'each event type once');

export const webhook = z.object({ id: uuid, name: z.string(), url: z.string(), eventTypes: z.array(z.enum(webhookEventTypes)), enabled: z.boolean(), createdAt: isoDate });
export const webhooksResponse = z.object({ webhooks: z.array(webhook) });
export const webhookResponse = z.object({ webhook });
export const createWebhookBody = z.object({ name: z.string().trim().min(1, 'name the webhook').max(100), url: webUrl, eventTypes }).strict();
export const createdWebhookResponse = z.object({ webhook, secret: z.string().describe('the signing secret, shown once: check X-Studio-Signature with it') });
export const webhookPatchBody = z
  .object({ name: z.string().trim().min(1).max(100), url: webUrl, eventTypes, enabled: z.boolean() })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');

export const webhookDelivery = z.object({
  id: uuid,
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: isoDate,
  lastAttemptAt: isoDate.nullable(),
  nextAttemptAt: isoDate.nullable().describe('when the next attempt is due, while pending'),
  deliveredAt: isoDate.nullable(),
});
export const webhookDeliveriesResponse = z.object({ deliveries: z.array(webhookDelivery) });
export const testDeliveryResponse = z.object({ delivery: webhookDelivery });
