import { z } from 'zod';
import { gtmStatuses } from '../gtm';
import { isoDate, uuid } from './common';

export const gtmOutput = z.object({
  id: uuid,
  title: z.string(),
  contentType: z.string(),
  status: z.enum(gtmStatuses),
  priority: z.number(),
  tags: z.array(z.string()),
  sourceJobId: uuid.nullable(),
  sourceRunId: uuid.nullable(),
  sourceSessionId: uuid.nullable(),
  sourceFilePath: z.string().nullable(),
  scheduledFor: isoDate.nullable(),
  publishedAt: isoDate.nullable(),
  publishedUrl: z.string().nullable(),
  revision: z.number(),
  createdAt: isoDate,
  updatedAt: isoDate,
  headline: z.string().nullable().optional().describe('HTML: escaped text with <mark> around search matches'),
});

export const gtmOutputDetail = gtmOutput.extend({
  contentMd: z.string().nullable(),
  contentHtml: z.string().nullable().describe('sanitized HTML'),
  diskMd: z.string().nullable().describe('a newer version on disk, kept beside a studio edit'),
  metrics: z.record(z.string(), z.number()),
});

export const gtmListQuery = z.object({
  status: z.enum(gtmStatuses).optional(),
  type: z.string().max(100).optional(),
  search: z.string().trim().max(200).optional(),
  sort: z.enum(['newest', 'priority']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const gtmListResponse = z.object({ outputs: z.array(gtmOutput), total: z.number(), limit: z.number(), offset: z.number() });
export const gtmOutputResponse = z.object({ output: gtmOutputDetail });

export const gtmPatchBody = z
  .object({
    status: z.enum(gtmStatuses).optional(),
    scheduledFor: isoDate.pipe(z.coerce.date()).nullable().optional(),
    content_md: z.string().max(2_000_000).optional(),
    priority: z.number().int().min(1).max(10).optional(),
    revision: z.number().int().min(0).optional().describe('the revision the edit is based on; a stale one is refused with 409'),
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'revision'), 'name at least one field to change');

export const publishBody = z.object({ url: z.string().url('must be the URL the content was published at').max(2000) }).strict();
