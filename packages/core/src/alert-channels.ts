// What each kind of alert channel needs (issue 19): its settings (not secret, shown back) and its secret
// (sealed at rest, shown only as its last characters). The web app validates with these; the bridge reads
// the stored settings with the same schemas before it sends.
import { z } from 'zod';

const httpUrl = z
  .string()
  .trim()
  .url()
  .max(2000)
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http(s) URL');

export const alertChannelConfigSchemas = {
  telegram: z.object({
    chatId: z.string().trim().min(1).max(100),
    /** The Bot API's address (tests point it at a stand-in). */
    apiBase: httpUrl.default('https://api.telegram.org'),
  }),
  slack: z.object({}),
  discord: z.object({}),
  ntfy: z.object({
    server: httpUrl.default('https://ntfy.sh'),
    topic: z
      .string()
      .trim()
      .regex(/^[\w-]{1,64}$/),
  }),
  email: z.object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535).default(587),
    /** tls: TLS from the start (465); starttls: upgrade (587), required; none: plain (a local relay only). */
    security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
    user: z.string().trim().max(255).optional(),
    from: z.string().trim().email().max(255),
    to: z.string().trim().email().max(255),
  }),
  /** Through OpenClaw's own `send` to one of its channels (only while the gateway is reachable). */
  openclaw: z.object({
    channel: z.string().trim().min(1).max(100),
    to: z.string().trim().min(1).max(500),
    accountId: z.string().trim().min(1).max(100).optional(),
  }),
  browser: z.object({}),
} as const;

export type AlertChannelKindName = keyof typeof alertChannelConfigSchemas;
export type AlertChannelConfig<K extends AlertChannelKindName> = z.infer<(typeof alertChannelConfigSchemas)[K]>;

/** The secret each kind takes: its label, whether it is required, and how to check it. */
export const alertChannelSecrets: Record<
  AlertChannelKindName,
  { label: string; required: boolean; schema: z.ZodType<string> } | null
> = {
  telegram: {
    label: 'Bot token',
    required: true,
    schema: z
      .string()
      .trim()
      .regex(/^\d+:[\w-]{20,}$/, 'looks like 123456:ABC… (from @BotFather)'),
  },
  slack: { label: 'Incoming webhook URL', required: true, schema: httpUrl },
  discord: { label: 'Webhook URL', required: true, schema: httpUrl },
  ntfy: { label: 'Access token (optional)', required: false, schema: z.string().trim().min(1).max(500) },
  email: { label: 'SMTP password (optional)', required: false, schema: z.string().min(1).max(500) },
  openclaw: null,
  /** Web Push, for when no studio tab is open: the browser's PushSubscription as JSON (set by the page). */
  browser: {
    label: 'Push subscription',
    required: false,
    schema: z.string().max(4000).refine(isPushSubscription, 'not a push subscription'),
  },
};

/** A PushSubscription's JSON: an https endpoint and its two keys. */
export function isPushSubscription(text: string): boolean {
  try {
    const s = JSON.parse(text) as { endpoint?: unknown; keys?: { p256dh?: unknown; auth?: unknown } };
    return (
      typeof s.endpoint === 'string' &&
      /^https?:$/.test(new URL(s.endpoint).protocol) &&
      typeof s.keys?.p256dh === 'string' &&
      typeof s.keys?.auth === 'string'
    );
  } catch {
    return false;
  }
}

export const alertChannelLabels: Record<AlertChannelKindName, string> = {
  telegram: 'Telegram',
  slack: 'Slack',
  discord: 'Discord',
  ntfy: 'ntfy',
  email: 'E-mail (SMTP)',
  openclaw: 'Through OpenClaw',
  browser: 'This browser',
};

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM');

/** A rule's quiet hours: no message between `start` and `end` (may span midnight) in `timeZone` (UTC if omitted). */
export const quietHoursSchema = z
  .object({ start: hhmm, end: hhmm, timeZone: z.string().trim().min(1).max(100).optional() })
  .strict()
  .refine((q) => {
    if (!q.timeZone) return true;
    try {
      new Intl.DateTimeFormat('en', { timeZone: q.timeZone });
      return true;
    } catch {
      return false;
    }
  }, 'an unknown time zone');
export type QuietHours = z.infer<typeof quietHoursSchema>;
