// The event names alone, without their schemas: what the browser needs to listen for each SSE event type,
// kept apart so pages do not ship the validation library. `events.ts` pairs each with its payload schema.
export const eventTypes = [
  'cron.run.started',
  'cron.run.completed',
  'agent.session.created',
  'agent.session.updated',
  'agent.log',
  'gtm.output.created',
  'gtm.output.status_changed',
  'cron.job.updated',
  'cron.job.removed',
  'cron.job.missed',
  'cron.run.suspicious',
  'cron.run.log',
  'gtm.output.updated',
  'gtm.output.restored',
  'gtm.output.scheduled',
  'gateway.status',
  'gateway.presence',
  'system.metrics.sampled',
  'command.updated',
  'webhook.changed',
  'webhook.delivery.updated',
  'activity.recorded',
  'budget.exceeded',
] as const;

export type EventType = (typeof eventTypes)[number];
