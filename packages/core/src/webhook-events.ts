// What a webhook can subscribe to, and which outbox events each one means. Schema-free and crypto-free, so
// the settings page can list the choices without shipping either to the browser.
import type { StudioEvent } from './events';

export const webhookEventTypes = [
  'job.failed',
  'content.ready_for_review',
  'content.published',
  'agent.errored',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** What "Send test" delivers: a signed request of the same shape, so a receiver can be checked end to end. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

export const webhookEventLabels: Record<WebhookEventType, string> = {
  'job.failed': 'Job failed',
  'content.ready_for_review': 'Content ready for review',
  'content.published': 'Content published',
  'agent.errored': 'Agent errored',
};

/** The webhook event an outbox event stands for, or null when no webhook cares about it. */
export function webhookEventFor(event: StudioEvent): WebhookEventType | null {
  switch (event.type) {
    case 'cron.run.completed':
      return event.payload.status === 'failed' ? 'job.failed' : null;
    case 'gtm.output.status_changed':
      return event.payload.status === 'pending_review'
        ? 'content.ready_for_review'
        : event.payload.status === 'published'
          ? 'content.published'
          : null;
    case 'agent.session.updated':
      return event.payload.status === 'error' ? 'agent.errored' : null;
    default:
      return null;
  }
}

/** A webhook's error text is cut to this many characters: enough to act on; the whole text is on the studio's page. */
export const WEBHOOK_ERROR_LIMIT = 2_000;

/** The studio's pages a webhook points to, as paths from the studio's root. */
export const studioPaths = {
  run: (runId: string) => `/cron/runs/${encodeURIComponent(runId)}`,
  session: (sessionId: string) => `/agents/${encodeURIComponent(sessionId)}`,
};

/** `link` (a path) always; `url` too when the studio knows the address its users open it by. */
export function studioLink(path: string, publicUrl?: string | null): { link: string; url?: string } {
  return publicUrl ? { link: path, url: `${publicUrl.replace(/\/+$/, '')}${path}` } : { link: path };
}

/**
 * A text cut to `limit` characters, marked with '…' where it was cut: its start, or its end for a command's
 * stderr (whose last lines say why it failed). Null when there is no text.
 */
export function boundText(
  text: string | null | undefined,
  keep: 'start' | 'end' = 'start',
  limit = WEBHOOK_ERROR_LIMIT,
): string | null {
  if (!text?.trim()) return null;
  if (text.length <= limit) return text;
  // never split a surrogate pair: half of one is not text
  if (keep === 'end') {
    const from = text.length - (limit - 1);
    return `…${text.slice(isLowSurrogate(text, from) ? from + 1 : from)}`;
  }
  const to = limit - 1;
  return `${text.slice(0, isLowSurrogate(text, to) ? to - 1 : to)}…`;
}

const isLowSurrogate = (text: string, i: number) => /[\uDC00-\uDFFF]/.test(text[i] ?? '');
