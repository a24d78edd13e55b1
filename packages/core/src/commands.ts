// What the web app can ask the bridge to do (the `commands` table's kind + payload).
import { z } from 'zod';
import { actorSchema } from './actor';

/** A job's schedule as OpenClaw's cron API takes it (OPENCLAW.md "Cron"). */
export const scheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cron'), expr: z.string().trim().min(1).max(200) }),
  z.object({ kind: z.literal('every'), everyMs: z.number().int().min(1000) }),
  z.object({ kind: z.literal('at'), at: z.string().datetime({ offset: true }) }),
]);
export type ScheduleInput = z.infer<typeof scheduleSchema>;

/** Where a new job's output goes (OpenClaw's `delivery`): nowhere, a chat channel, or an HTTP POST. */
export const deliverySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('none') }),
  z.object({
    mode: z.literal('announce'),
    channel: z.string().trim().min(1).max(100),
    to: z.string().trim().min(1).max(500).optional(),
  }),
  z.object({ mode: z.literal('webhook'), to: z.string().trim().url().max(2000) }),
]);

/** A new OpenClaw job, in the fields OpenClaw's own form has (its `cron.add` params, seen on 2026.9.6). */
export const newJobSchema = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).optional(),
  /** The agent that runs it; omitted: the gateway's default agent. */
  agentId: z.string().trim().min(1).max(100).optional(),
  schedule: scheduleSchema,
  /** IANA zone for a cron schedule; null or omitted: the gateway's own zone. */
  timezone: z.string().trim().min(1).max(100).nullable().optional(),
  /** isolated: an agent turn in a fresh session of its own; main: a system event into the agent's main session. */
  session: z.enum(['isolated', 'main']),
  /** What the agent is asked each run (the system event's text for the main session). */
  message: z.string().trim().min(1).max(20_000),
  /** now: wake the agent at once; next-heartbeat: wait for its next heartbeat. */
  wakeMode: z.enum(['now', 'next-heartbeat']).default('now'),
  /** A model for this job (an isolated agent turn only); omitted: the agent's. */
  model: z.string().trim().min(1).max(200).optional(),
  /** How long a run may take (an isolated agent turn only); omitted: OpenClaw's default. */
  timeoutSeconds: z.number().int().min(1).max(86_400).optional(),
  delivery: deliverySchema.default({ mode: 'none' }),
  /** false: created paused. */
  enabled: z.boolean().default(true),
  /** A one-time job is removed after it succeeds unless this is false. */
  deleteAfterRun: z.boolean().optional(),
});
export type NewJob = z.infer<typeof newJobSchema>;

export const commandSchemas = {
  'cron.run': z.object({
    jobId: z.string().uuid(),
    triggerType: z.enum(['manual', 'retry']).default('manual'),
    retryOfRunId: z.string().uuid().optional(),
  }),
  'cron.setEnabled': z.object({
    jobId: z.string().uuid(),
    enabled: z.boolean(),
    /** Why the studio pauses it (shown on the job page). */ reason: z.string().optional(),
  }),
  'cron.update': z.object({
    jobId: z.string().uuid(),
    schedule: scheduleSchema.optional(),
    /** IANA zone for a cron schedule; null: the gateway's own zone. */
    timezone: z.string().nullable().optional(),
    /** The agent-turn message (what the agent is asked each run). */
    message: z.string().min(1).optional(),
  }),
  'cron.add': newJobSchema,
  'cron.remove': z.object({ jobId: z.string().uuid() }),
  'session.abort': z.object({ sessionId: z.string().uuid(), reason: z.string().optional() }),
  'gtm.publish': z.object({ outputId: z.string().uuid(), url: z.string().url(), actor: actorSchema.optional() }),
  /** The Connect page's connection test: read-only, so not an action in the activity log. */
  'gateway.test': z.object({}),
  /** An alert channel's "Send a test" (issue 19): the bridge sends it and the delivery log shows how it went. */
  'alert.test': z.object({ channelId: z.string().uuid() }),
  'swarm.spawn': z.object({
    task: z.string().min(1),
    agents: z.array(z.string().min(1)).min(1),
    context: z.record(z.string(), z.unknown()).optional(),
  }),
  /** An answer to an OpenClaw exec or plugin approval (the inbox). */
  'approval.resolve': z.object({
    approvalId: z.string().uuid(),
    decision: z.enum(['allow-once', 'allow-always', 'deny']),
  }),
} as const;

export type CommandKind = keyof typeof commandSchemas;
/** Commands that only look (nothing changes): kept out of the activity log. */
export const lookingCommands: ReadonlySet<CommandKind> = new Set(['gateway.test']);
export type CommandPayload<K extends CommandKind> = z.infer<(typeof commandSchemas)[K]>;
export const commandKinds = Object.keys(commandSchemas) as CommandKind[];
export type CommandStatus = 'queued' | 'running' | 'succeeded' | 'failed';
