// What the web app can ask the bridge to do (the `commands` table's kind + payload).
import { z } from 'zod';
import { actorSchema } from './actor';

export const commandSchemas = {
  'cron.run': z.object({ jobId: z.string().uuid(), triggerType: z.enum(['manual', 'retry']).default('manual'), retryOfRunId: z.string().uuid().optional() }),
  'cron.setEnabled': z.object({ jobId: z.string().uuid(), enabled: z.boolean() }),
  'cron.update': z.object({
    jobId: z.string().uuid(),
    schedule: z.string().optional(),
    timezone: z.string().optional(),
    message: z.string().optional(),
  }),
  'session.abort': z.object({ sessionId: z.string().uuid() }),
  'gtm.publish': z.object({ outputId: z.string().uuid(), url: z.string().url(), actor: actorSchema.optional() }),
  'swarm.spawn': z.object({ task: z.string().min(1), agents: z.array(z.string().min(1)).min(1), context: z.record(z.string(), z.unknown()).optional() }),
} as const;

export type CommandKind = keyof typeof commandSchemas;
export type CommandPayload<K extends CommandKind> = z.infer<(typeof commandSchemas)[K]>;
export const commandKinds = Object.keys(commandSchemas) as CommandKind[];
export type CommandStatus = 'queued' | 'running' | 'succeeded' | 'failed';
