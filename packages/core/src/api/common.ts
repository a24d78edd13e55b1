import { z } from 'zod';

export const uuid = z.string().uuid('must be a UUID');
export const isoDate = z.string().describe('ISO 8601 date-time');
export const idParams = z.object({ id: uuid });

/** Query-string integers arrive as text. */
export const limitParam = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.object({ issues: z.array(z.object({ field: z.string(), message: z.string() })) }).optional(),
  }),
});

/** An action queued for the bridge (202), for clients that follow it by `GET /api/commands/:id` or the event stream. */
export const queuedCommand = z.object({ commandId: uuid, status: z.enum(['queued', 'running', 'succeeded', 'failed']), error: z.string().nullable().optional() });

export const commandResponse = z.object({
  command: z.object({
    id: uuid,
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    result: z.unknown(),
    error: z.string().nullable(),
    createdAt: isoDate,
    finishedAt: isoDate.nullable(),
  }),
});
