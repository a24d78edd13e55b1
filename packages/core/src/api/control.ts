// The activity log and budgets: what the owner (or a token) did, and the spending limits the bridge enforces.
import { z } from 'zod';
import { actorKinds } from '../actor';
import { gatewayFilter, gatewayRef, isoDate, limitParam, rowGateway, uuid } from './common';

export const activityOutcomes = ['pending', 'succeeded', 'failed', 'warned'] as const;

export const activityEntry = z.object({
  id: uuid,
  actor: z
    .object({ kind: z.enum(actorKinds), name: z.string() })
    .describe('the owner, an API token by name, scheduled publishing, or the studio itself (budget watcher)'),
  action: z
    .string()
    .describe(
      'cron.run, cron.setEnabled, cron.update, session.abort, swarm.spawn, gtm.publish, gtm.status, gtm.edit, budget.set, budget.warn, …',
    ),
  target: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() }).nullable(),
  detail: z.record(z.string(), z.unknown()),
  outcome: z.enum(activityOutcomes),
  error: z.string().nullable().describe('why it failed, in words'),
  commandId: uuid.nullable(),
  ranBy: z
    .string()
    .nullable()
    .describe('the bridge that ran its command (its worker name, e.g. bridge@host); null when no bridge ran it'),
  createdAt: isoDate,
  finishedAt: isoDate.nullable(),
});

export const activityQuery = z.object({
  action: z
    .string()
    .trim()
    .max(100)
    .regex(/^[\w.]+$/, 'an action or area, e.g. cron or cron.run')
    .optional(),
  outcome: z.enum(activityOutcomes).optional(),
  cursor: z.string().max(200).optional(),
  limit: limitParam(200, 50),
  gateway: gatewayFilter.describe(
    "this gateway's entries and the studio's own (tokens, webhooks, settings); every entry when left out (an unknown one is refused)",
  ),
});
export const activityResponse = z.object({
  entries: z.array(
    activityEntry.extend({
      gateway: rowGateway
        .nullable()
        .describe("the gateway of what it acted on; null: the studio's own (tokens, webhooks, settings)"),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const budgetScopes = ['job', 'agent', 'day'] as const;

export const budget = z.object({
  id: uuid,
  scope: z.enum(budgetScopes),
  target: z.string().describe('the job id (job), the OpenClaw agent id (agent), empty (day)'),
  gateway: rowGateway
    .nullable()
    .describe(
      "the gateway whose spending it limits; null: the whole fleet's (and a job's budget, its job being on one)",
    ),
  maxTokens: z.number().nullable(),
  maxCostUsd: z.number().nullable(),
  action: z.enum(['abort', 'warn']),
  updatedAt: isoDate,
});

export const budgetBody = z
  .object({
    scope: z.enum(budgetScopes),
    target: z.string().trim().max(200).default(''),
    gateway: gatewayRef
      .optional()
      .describe("an agent's or the daily budget for this gateway only (name or id); the whole fleet's when left out"),
    maxTokens: z.number().int().positive().nullable().default(null),
    maxCostUsd: z.number().positive().nullable().default(null),
    action: z.enum(['abort', 'warn']).default('abort'),
  })
  .strict()
  .refine((b) => b.maxTokens !== null || b.maxCostUsd !== null, {
    message: 'give a token limit, a cost limit, or both',
    path: ['maxTokens'],
  })
  .refine((b) => (b.scope === 'day') === (b.target === ''), {
    message: 'a job or agent budget names its target; the daily budget has none',
    path: ['target'],
  })
  .refine((b) => b.scope !== 'job' || b.gateway === undefined, {
    message: 'a job budget names no gateway: the job is on one',
    path: ['gateway'],
  })
  // one budget per job however its id is spelled (the target column is text)
  .transform((b) => (b.scope === 'job' ? { ...b, target: b.target.toLowerCase() } : b));

export const budgetsQuery = z.object({
  scope: z.enum(budgetScopes).optional(),
  target: z.string().max(200).optional(),
});
export const budgetsResponse = z.object({ budgets: z.array(budget) });
export const budgetResponse = z.object({ budget });
