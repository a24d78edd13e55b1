import { z } from 'zod';
import { gatewayFilter, gatewayRef, isoDate, limitParam, rowGateway, uuid } from './common';

export const sessionStatuses = ['running', 'idle', 'paused', 'completed', 'cancelled', 'error'] as const;

export const agentSession = z.object({
  id: uuid,
  gateway: rowGateway,
  agentName: z.string(),
  agentType: z.string(),
  status: z.enum(sessionStatuses),
  sessionKey: z.string(),
  parentSessionId: uuid.nullable(),
  swarmId: uuid.nullable(),
  spawnDepth: z.number(),
  taskDescription: z.string().nullable(),
  progressPercent: z.number(),
  progressMessage: z.string().nullable(),
  startedAt: isoDate,
  lastActivityAt: isoDate,
  completedAt: isoDate.nullable(),
  tokenUsage: z.object({ input: z.number().optional(), output: z.number().optional(), total: z.number().optional() }),
  costUsd: z.number().nullable(),
  model: z.string().nullable(),
  cronJobId: uuid.nullable(),
  continuedBy: uuid
    .nullable()
    .describe(
      'a conversation OpenClaw reset: the session that carries its key on (this one is the conversation before)',
    ),
  removedAt: isoDate
    .nullable()
    .describe(
      'when the studio learned that OpenClaw deleted the session (at once, or when it connects again if it was away); it keeps its record',
    ),
  archivedAt: isoDate
    .nullable()
    .describe('when OpenClaw archived the session: still there and restorable, out of its default lists'),
  archiveReason: z
    .string()
    .nullable()
    .describe(
      "why, as OpenClaw names it: 'manual', 'age-retention' (idle past its retention), 'active-session-cap' (past its cap on kept sessions), …",
    ),
});

export const subtreeTotals = z
  .object({
    subAgents: z.number().describe('sessions below this one, at any depth'),
    tokenUsage: z.object({
      input: z.number(),
      output: z.number(),
      cacheRead: z.number().nullable().describe('null: no session in the subtree reported cache use'),
      cacheWrite: z.number().nullable(),
      total: z
        .number()
        .describe('input + output + cache read + cache write (a session that reported only a total counts with it)'),
    }),
    costUsd: z.number().nullable().describe('null: no session in the subtree has a known cost'),
    startedAt: isoDate.describe('the first start in the subtree'),
    endedAt: isoDate.nullable().describe('the last end in the subtree; null while a session in it runs'),
    durationMs: z.number().describe('first start to last end, or to now while a session in the subtree runs'),
    running: z.boolean(),
    truncated: z.boolean().describe('the subtree is deeper than 20 levels: the figures cover the first 20'),
  })
  .describe('this session and everything it spawned: tokens, cost and time together');

/** A session with its subtree's totals (the list and the single-session answers). */
export const agentSessionWithTotals = agentSession.extend({ subtree: subtreeTotals });

export const agentLog = z.object({
  id: uuid,
  seq: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error', 'thought']),
  message: z.string(),
  toolName: z.string().nullable(),
  toolInput: z.unknown(),
  toolOutput: z.unknown(),
  toolDurationMs: z.number().nullable(),
  timestamp: isoDate,
});

export const sessionsQuery = z.object({
  status: z.enum(sessionStatuses).optional(),
  type: z.enum(['swarm', 'singleton', 'subagent', 'cron']).optional(),
  swarmId: uuid.optional(),
  gateway: gatewayFilter,
  cursor: z.string().max(200).optional(),
  limit: limitParam(200, 50),
});
export const sessionsResponse = z.object({
  sessions: z.array(agentSessionWithTotals),
  nextCursor: z.string().nullable(),
});
export const sessionResponse = z.object({
  session: agentSessionWithTotals,
  tree: z.array(agentSession.extend({ depth: z.number() })),
  logs: z.array(agentLog),
});

export const spawnBody = z
  .object({
    task: z.string().trim().min(1, 'describe the task').max(10_000),
    agents: z.array(z.string().trim().min(1).max(100)).min(1, 'name at least one agent').max(20),
    context: z.record(z.string(), z.unknown()).optional(),
    gateway: gatewayRef.optional(),
  })
  .strict();
