// Alerts (issue 19): rules, channels and their delivery logs, as the API speaks them.
import { z } from 'zod';
import { alertChannelConfigSchemas, quietHoursSchema } from '../alert-channels';
import { isoDate, uuid } from './common';

const channelKind = z.enum(Object.keys(alertChannelConfigSchemas) as [keyof typeof alertChannelConfigSchemas]);
const allowPrivateNetwork = z
  .boolean()
  .describe('may it send to loopback, private-network and link-local addresses (off unless the owner turns it on)');

export const alertChannel = z.object({
  id: uuid,
  name: z.string(),
  kind: channelKind,
  config: z.record(z.string(), z.unknown()).describe('the settings that are not secret'),
  secretHint: z.string().nullable().describe('the secret’s last characters; the secret itself is never shown'),
  hasSecret: z.boolean(),
  enabled: z.boolean(),
  allowPrivateNetwork,
  createdAt: isoDate,
});
export const alertChannelsResponse = z.object({ channels: z.array(alertChannel) });
export const alertChannelResponse = z.object({ channel: alertChannel });

export const createAlertChannelBody = z
  .object({
    name: z.string().trim().min(1, 'name the channel').max(100),
    kind: channelKind,
    config: z.record(z.string(), z.unknown()).default({}),
    secret: z.string().max(2000).optional().describe('bot token, webhook URL, access token or SMTP password'),
    allowPrivateNetwork: allowPrivateNetwork.default(false),
  })
  .strict();
export const alertChannelPatchBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    config: z.record(z.string(), z.unknown()),
    secret: z.string().min(1).max(2000).describe('replaces the stored secret'),
    enabled: z.boolean(),
    allowPrivateNetwork,
  })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, 'change at least one field');

export const alertDelivery = z.object({
  id: uuid,
  channelId: uuid,
  incidentId: uuid.nullable(),
  messageKind: z.enum(['opened', 'updated', 'resolved', 'test']),
  title: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  answer: z.string().nullable().describe('what the receiver answered'),
  error: z.string().nullable().describe('why it failed, or why it gave up'),
  createdAt: isoDate,
  lastAttemptAt: isoDate.nullable(),
  nextAttemptAt: isoDate.nullable().describe('when the next attempt is due, while pending'),
});
export const alertDeliveriesResponse = z.object({ deliveries: z.array(alertDelivery) });
export const alertDeliveriesQuery = z.object({ channelId: uuid.optional() }).strict();
export const alertTestResponse = z.object({
  commandId: uuid,
  status: z.string().describe('the command’s status: succeeded once the test was delivered'),
  delivery: z.object({ deliveryId: uuid, status: z.string(), error: z.string().nullable() }).nullable(),
});

export const alertRule = z.object({
  kind: z.string(),
  label: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  channelIds: z.array(uuid),
  params: z.record(z.string(), z.unknown()),
  paramLabels: z.record(z.string(), z.string()),
  quietHours: quietHoursSchema.nullable(),
  aboutGateway: z.boolean().describe('never sent only through the gateway'),
});
export const alertRulesResponse = z.object({ rules: z.array(alertRule) });
export const alertRuleResponse = z.object({ rule: alertRule });
export const alertRuleParams = z.object({ kind: z.string().regex(/^[a-z_]{1,50}$/) });
export const alertRulePatchBody = z
  .object({
    enabled: z.boolean(),
    channelIds: z.array(uuid).max(20),
    params: z.record(z.string(), z.number()).default({}),
    quietHours: quietHoursSchema.nullable().default(null),
  })
  .strict();
