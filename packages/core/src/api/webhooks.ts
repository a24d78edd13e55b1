import { z } from 'zod';
import { hostAddressOf, isPrivateAddress, PRIVATE_TARGET_MESSAGE } from '../private-address';
import { webhookEventTypes } from '../webhook-events';
import { isoDate, uuid, webUrl } from './common';

const eventTypes = z
  .array(z.enum(webhookEventTypes))
  .min(1, 'choose at least one event type')
  .max(webhookEventTypes.length, 'each event type once');

const allowPrivateNetwork = z
  .boolean()
  .describe('may it send to loopback, private-network and link-local addresses (off unless the owner turns it on)');

export const webhook = z.object({
  id: uuid,
  name: z.string(),
  url: z.string().describe('the full URL for the owner; only its origin (scheme, host, port) for an API token'),
  eventTypes: z.array(z.enum(webhookEventTypes)),
  enabled: z.boolean(),
  allowPrivateNetwork,
  createdAt: isoDate,
});
export const webhooksResponse = z.object({ webhooks: z.array(webhook) });
export const webhookResponse = z.object({ webhook });

/** The part of a webhook URL an API token may see: its path and query can hold the receiver's own secret. */
export const webhookUrlOrigin = (url: string) => new URL(url).origin;

/**
 * A URL whose host is a private, loopback or link-local address needs the owner's leave. Host names are
 * checked by the bridge against what they resolve to at each delivery (they can change: DNS rebinding).
 */
export function checkWebhookTarget(target: { url: string; allowPrivateNetwork: boolean }, ctx: z.RefinementCtx) {
  // zod runs this even when the fields failed their own checks (which then name the problem)
  if (target.allowPrivateNetwork === true || typeof target.url !== 'string' || !URL.canParse(target.url)) return;
  const address = hostAddressOf(new URL(target.url));
  if (address && isPrivateAddress(address))
    ctx.addIssue({ code: 'custom', path: ['url'], message: PRIVATE_TARGET_MESSAGE });
}

export const createWebhookBody = z
  .object({
    name: z.string().trim().min(1, 'name the webhook').max(100),
    url: webUrl,
    eventTypes,
    allowPrivateNetwork: allowPrivateNetwork.default(false),
  })
  .strict()
  .superRefine(checkWebhookTarget);
export const createdWebhookResponse = z.object({
  webhook,
  secret: z.string().describe('the signing secret, shown once: check X-Studio-Signature with it'),
});
export const webhookPatchBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    url: webUrl,
    eventTypes,
    enabled: z.boolean(),
    allowPrivateNetwork,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');

/** A patch, checked against the webhook as it is: a new URL or a withdrawn leave must still fit together. */
export const webhookPatchFor = (current: { url: string; allowPrivateNetwork: boolean }) =>
  webhookPatchBody.superRefine((patch, ctx) => checkWebhookTarget({ ...current, ...patch }, ctx));

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
