// What a webhook can subscribe to, and which outbox events each one means. Schema-free and crypto-free, so
// the settings page can list the choices without shipping either to the browser.
import type { StudioEvent } from './events';

export const webhookEventTypes = ['job.failed', 'content.ready_for_review', 'content.published', 'agent.errored'] as const;
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
      return event.payload.status === 'pending_review' ? 'content.ready_for_review' : event.payload.status === 'published' ? 'content.published' : null;
    case 'agent.session.updated':
      return event.payload.status === 'error' ? 'agent.errored' : null;
    default:
      return null;
  }
}
