import { z } from 'zod';
import { gatewayFilter, isoDate, uuid } from './common';

export const searchQuery = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(20).default(6).describe('hits per group'),
  gateway: gatewayFilter,
});

const hit = z.object({
  id: uuid,
  label: z.string(),
  hint: z.string(),
  href: z.string(),
  at: isoDate.nullable(),
  atKind: z
    .enum(['next run', 'last run', 'last active', 'publishes', 'published', 'updated'])
    .nullable()
    .describe('what `at` is'),
});

export const searchResponse = z.object({
  jobs: z.array(
    hit.extend({
      enabled: z.boolean(),
      canPause: z.boolean().describe('an OpenClaw job, paused and resumed through the gateway'),
      removed: z.boolean(),
    }),
  ),
  sessions: z.array(hit.extend({ count: z.number().describe('sessions of this name; `id` is the newest') })),
  content: z.array(hit),
});
