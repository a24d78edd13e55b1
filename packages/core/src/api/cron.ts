import { z } from 'zod';
import { newJobSchema, scheduleSchema } from '../commands';
import { gatewayFilter, gatewayRef, isoDate, limitParam, rowGateway, uuid } from './common';
import { runFailure } from './failure';

export const lastRun = z
  .object({
    status: z.enum(['success', 'failed', 'running', 'cancelled']),
    at: isoDate,
    duration: z.number().nullable(),
  })
  .nullable();

export const cronJob = z.object({
  id: uuid,
  name: z.string(),
  gateway: rowGateway,
  schedule: z.string(),
  scheduleInWords: z.string(),
  timezone: z.string().nullable(),
  enabled: z.boolean(),
  category: z.string().nullable(),
  description: z.string().nullable(),
  command: z.string().describe("an OpenClaw job's message, or a host-cron job's shell command"),
  source: z.string().describe("'openclaw' (the gateway) or 'host' (a crontab line run through agent-studio exec)"),
  lastRun,
  lastError: z.string().nullable(),
  nextRun: isoDate
    .nullable()
    .describe(
      "OpenClaw's own next run time (nextRunAtMs) whenever the gateway gives one: in the past while the gateway is due (running it, or not started yet). Computed from the schedule and time zone only for jobs without one (host crontab lines); null while paused",
    ),
  recentRuns: z.array(
    z.object({ id: z.string(), status: z.string(), startedAt: isoDate, durationMs: z.number().nullable() }),
  ),
  removed: z.boolean(),
  pausedReason: z.string().nullable().describe('why the studio paused it (a budget); null once enabled again'),
});

export const cronJobsQuery = z.object({
  search: z.string().trim().max(200).optional(),
  category: z.string().max(100).optional(),
  gateway: gatewayFilter,
});
export const cronJobsResponse = z.object({ jobs: z.array(cronJob) });
export const cronJobResponse = z.object({
  job: cronJob,
  nextRuns: z.array(isoDate).describe('the next five: nextRun first, then the schedule’s times after it'),
});

export const cronRun = z.object({
  id: uuid,
  jobId: uuid,
  gateway: rowGateway,
  startedAt: isoDate,
  finishedAt: isoDate.nullable(),
  status: z
    .string()
    .describe(
      'running, completed, failed, timeout, or cancelled (stopped by the owner or a budget: neither success nor failure)',
    ),
  duration: z.number().nullable(),
  outputFiles: z.array(z.string()),
  triggerType: z.string().nullable(),
  summary: z.string().nullable(),
  error: z.string().nullable(),
  exitCode: z.number().nullable(),
  memoryPeakMb: z.number().nullable().describe("a host-cron run's highest resident memory (its whole process tree)"),
  tokenUsage: z.object({ input: z.number().optional(), output: z.number().optional(), total: z.number().optional() }),
  costUsd: z.number().nullable(),
  /** Why the watchdog finds this successful run suspicious (it produced nothing it usually produces). */
  suspiciousReason: z.string().nullable(),
  failure: runFailure,
});

export const cronRunsQuery = z.object({
  status: z.enum(['running', 'completed', 'failed', 'timeout', 'cancelled']).optional(),
  gateway: gatewayFilter,
  cursor: z.string().max(200).optional(),
  limit: limitParam(200, 50),
});
export const cronRunsResponse = z.object({ runs: z.array(cronRun), nextCursor: z.string().nullable() });
export const cronRunResponse = z.object({ run: cronRun });

export const triggerBody = z.object({ retryOfRunId: uuid.optional() }).strict();
export const triggerResponse = z.object({ runId: uuid, status: z.literal('started'), commandId: uuid });

export const jobPatchBody = z
  .object({
    enabled: z.boolean().optional().describe('pause (false) or resume (true); not combined with other changes'),
    schedule: scheduleSchema.optional().describe('cron expression (checked with croner), interval in ms, or one time'),
    timezone: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .describe('IANA time zone of a cron schedule; null: the gateway’s'),
    message: z.string().trim().min(1).max(20_000).optional().describe('what the agent is asked on each run'),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' })
  .refine((b) => b.enabled === undefined || Object.keys(b).length === 1, {
    message: 'pause/resume separately from other changes',
    path: ['enabled'],
  });

export const jobCreateBody = newJobSchema
  .extend({ gateway: gatewayRef.optional() })
  .strict()
  .describe('a new OpenClaw job: schedule, agent, session, message and where its output goes');
export const jobCreatedResponse = z.object({
  jobId: uuid.nullable().describe('the studio’s id for the new job (null if the gateway has not reported it yet)'),
  commandId: uuid,
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
});
