// The one event catalog (seed §3 ServerEvents, plus what the studio adds). Bridge, API and browser all use it.
import { z } from 'zod';
import { actorSchema } from './actor';
import type { EventType } from './event-names';

export { eventTypes, type EventType } from './event-names';

const iso = z.string();

export const eventPayloads = {
  // seed §3
  'cron.run.started': z.object({ jobId: z.string(), runId: z.string(), startedAt: iso }),
  'cron.run.completed': z.object({
    jobId: z.string(),
    runId: z.string(),
    /** 'cancelled': stopped by the owner or a budget, not a failure (no job.failed). */
    status: z.enum(['success', 'failed', 'cancelled']),
    duration: z.number(),
    outputFiles: z.array(z.string()).optional(),
  }),
  'agent.session.created': z.object({ sessionId: z.string(), agentName: z.string() }),
  'agent.session.updated': z.object({ sessionId: z.string(), status: z.string(), progress: z.number() }),
  'agent.log': z.object({ sessionId: z.string(), level: z.string(), message: z.string(), timestamp: iso }),
  'gtm.output.created': z.object({ outputId: z.string(), title: z.string(), type: z.string() }),
  'gtm.output.status_changed': z.object({ outputId: z.string(), status: z.string(), actor: actorSchema.optional() }),
  // studio additions
  'cron.job.updated': z.object({ jobId: z.string(), name: z.string(), enabled: z.boolean() }),
  'cron.job.removed': z.object({ jobId: z.string() }),
  'cron.job.missed': z.object({ jobId: z.string(), expectedAt: iso }),
  'cron.run.suspicious': z.object({ jobId: z.string(), runId: z.string(), reason: z.string() }),
  'cron.run.log': z.object({
    runId: z.string(),
    stream: z.enum(['stdout', 'stderr']),
    line: z.string(),
    timestamp: iso,
  }),
  'gtm.output.updated': z.object({
    outputId: z.string(),
    title: z.string(),
    revision: z.number().optional(),
    actor: actorSchema.optional(),
  }),
  'gtm.output.restored': z.object({
    outputId: z.string(),
    revision: z.number(),
    restoredFrom: z.number(),
    actor: actorSchema,
  }),
  'gtm.output.scheduled': z.object({
    outputId: z.string(),
    scheduledFor: iso.nullable(),
    url: z.string().nullable(),
    actor: actorSchema,
  }),
  // gatewayId: which gateway of a fleet (absent in events from before the fleet)
  'gateway.status': z.object({
    connected: z.boolean(),
    since: iso,
    version: z.string().nullable(),
    gatewayId: z.string().optional(),
  }),
  /** The gateway's and its connected clients' presence (OpenClaw `system-presence`). */
  'gateway.presence': z.object({
    instances: z.array(
      z.object({ host: z.string().nullable(), mode: z.string().nullable(), version: z.string().nullable() }),
    ),
  }),
  /** The bridge's minute sample of the system metrics was written (pages showing samples refresh on it). */
  'system.metrics.sampled': z.object({ at: iso, metrics: z.number() }),
  'command.updated': z.object({
    commandId: z.string(),
    kind: z.string(),
    status: z.string(),
    error: z.string().nullable(),
  }),
  'webhook.changed': z.object({ webhookId: z.string(), change: z.enum(['created', 'updated', 'deleted']) }),
  'webhook.delivery.updated': z.object({
    deliveryId: z.string(),
    webhookId: z.string(),
    status: z.string(),
    attempts: z.number(),
    error: z.string().nullable(),
  }),
  'activity.recorded': z.object({
    activityId: z.string(),
    action: z.string(),
    outcome: z.string(),
    error: z.string().nullable(),
  }),
  'budget.exceeded': z.object({
    budgetId: z.string(),
    scope: z.enum(['job', 'agent', 'day']),
    sessionId: z.string().nullable(),
    jobId: z.string().nullable(),
    action: z.enum(['abort', 'warn']),
    message: z.string(),
  }),
  /** An OpenClaw exec or plugin approval came, was answered (here or elsewhere) or expired (the inbox). */
  'approval.updated': z.object({
    approvalId: z.string(),
    kind: z.enum(['exec', 'plugin']),
    status: z.enum(['pending', 'allowed', 'denied', 'expired']),
  }),
  /** One of OpenClaw's chat channels changed state (`channels.status`). */
  'openclaw.channel.updated': z.object({
    channel: z.string(),
    accountId: z.string(),
    state: z.enum(['up', 'down', 'off']),
    error: z.string().nullable(),
  }),
  /** An alert rule's incident opened, grew or ended (issue 19). */
  'alert.incident.updated': z.object({
    incidentId: z.string(),
    ruleKind: z.string(),
    state: z.enum(['opened', 'updated', 'resolved']),
    title: z.string(),
  }),
  'alert.delivery.updated': z.object({
    deliveryId: z.string(),
    channelId: z.string(),
    status: z.string(),
    attempts: z.number(),
    error: z.string().nullable(),
  }),
  /** An alert for the browser channel: open studio tabs show it as a system notification. */
  'alert.notification': z.object({ deliveryId: z.string(), title: z.string(), body: z.string() }),
} as const satisfies Record<EventType, z.ZodType>;

export type EventPayload<T extends EventType> = z.infer<(typeof eventPayloads)[T]>;

/** An event as it leaves the outbox: `id` is the outbox's monotonic id (the SSE `id:`). */
export type StudioEvent<T extends EventType = EventType> = T extends EventType
  ? {
      id: string;
      channel: string;
      type: T;
      payload: EventPayload<T>;
      createdAt: string;
    }
  : never;

/**
 * Channels (seed §3): `cron:all`, `cron:<jobId>`, `agents:all`, `agents:<sessionId>`, `gtm:queue`, and the
 * studio's `system`. An event is stored on its most specific channel; `<area>:all` receives the whole area.
 */
export const channelSchema = z.string().regex(/^(cron|agents):[\w.:-]+$|^gtm:queue$|^system$/, 'unknown channel');

export const channelFor = {
  job: (jobId: string) => `cron:${jobId}`,
  session: (sessionId: string) => `agents:${sessionId}`,
  gtm: () => 'gtm:queue',
  system: () => 'system',
} as const;

export function channelMatches(subscribed: string, channel: string): boolean {
  if (subscribed === channel) return true;
  const [area, rest] = subscribed.split(':');
  return rest === 'all' && channel.startsWith(`${area}:`);
}
