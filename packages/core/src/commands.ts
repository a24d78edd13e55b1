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

export const commandSchemas = {
  'cron.run': z.object({ jobId: z.string().uuid(), triggerType: z.enum(['manual', 'retry']).default('manual'), retryOfRunId: z.string().uuid().optional() }),
  'cron.setEnabled': z.object({ jobId: z.string().uuid(), enabled: z.boolean(), /** Why the studio pauses it (shown on the job page). */ reason: z.string().optional() }),
  'cron.update': z.object({
    jobId: z.string().uuid(),
    schedule: scheduleSchema.optional(),
    /** IANA zone for a cron schedule; null: the gateway's own zone. */
    timezone: z.string().nullable().optional(),
    /** The agent-turn message (what the agent is asked each run). */
    message: z.string().min(1).optional(),
  }),
  'session.abort': z.object({ sessionId: z.string().uuid(), reason: z.string().optional() }),
  'gtm.publish': z.object({ outputId: z.string().uuid(), url: z.string().url(), actor: actorSchema.optional() }),
  'swarm.spawn': z.object({ task: z.string().min(1), agents: z.array(z.string().min(1)).min(1), context: z.record(z.string(), z.unknown()).optional() }),
} as const;

export type CommandKind = keyof typeof commandSchemas;
export type CommandPayload<K extends CommandKind> = z.infer<(typeof commandSchemas)[K]>;
export const commandKinds = Object.keys(commandSchemas) as CommandKind[];
export type CommandStatus = 'queued' | 'running' | 'succeeded' | 'failed';

