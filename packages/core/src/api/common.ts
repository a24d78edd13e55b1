import { z } from 'zod';
import { isStorableDate } from '../storable-date';

export const uuid = z.string().uuid('must be a UUID');
export const isoDate = z.string().describe('ISO 8601 date-time');

/**
 * A date-time a client sends: ISO 8601 with a zone, or a bare date (midnight UTC), in years 1970–9999 (what
 * the database stores and a person means; `new Date('1')` would be the year 2001).
 */
export const dateTimeInput = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: 'must be an ISO 8601 date-time with a zone (2026-12-03T08:00:00Z) or a date (2026-12-03)',
  })
  .transform((s) => new Date(s))
  .refine(isStorableDate, 'must be between the years 1970 and 9999')
  .describe('ISO 8601 date-time with a zone, or a date');

/** A web address for people to open: http or https only (not javascript:, data:, ftp:). */
export const webUrl = z
  .string()
  .trim()
  .max(2000)
  .url('enter a full URL, e.g. https://example.com/blog/post')
  .refine((u) => /^https?:\/\//i.test(u), 'use an http:// or https:// URL');
export const idParams = z.object({ id: uuid });

/** The gateway an action with no row of its own is for (a new job, a swarm): its name or id. */
export const gatewayRef = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .describe('the gateway it is for, by name or id; the default gateway when left out');

/** A list's gateway filter (issue 18, the fleet): one gateway's rows; every gateway's when left out. */
export const gatewayFilter = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .optional()
  .describe("only this gateway's rows, by name or id; every gateway's when left out (an unknown one is refused)");

/** The gateway a row belongs to (every job, run, session, content item and inbox entry names its own). */
export const rowGateway = z
  // a guid, not a strict UUID: the default gateway's id (…0001, migration 0033) has no version bits
  .object({ id: z.guid(), name: z.string() })
  .describe('the OpenClaw gateway it is on');

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
export const queuedCommand = z.object({
  commandId: uuid,
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  error: z.string().nullable().optional(),
});

export const commandResponse = z.object({
  command: z.object({
    id: uuid,
    kind: z.string(),
    status: z.enum(['queued', 'running', 'succeeded', 'failed']),
    result: z.unknown(),
    error: z.string().nullable(),
    claimedBy: z
      .string()
      .nullable()
      .describe('the bridge that took it (its worker name, e.g. bridge@host); null while queued, or when none did'),
    createdAt: isoDate,
    finishedAt: isoDate.nullable(),
  }),
});
