import { z } from 'zod';
import { actorSchema } from '../actor';
import { gtmStatuses } from '../gtm';
import { dateTimeInput, gatewayFilter, isoDate, rowGateway, uuid, webUrl } from './common';

export const gtmOutput = z.object({
  id: uuid,
  gateway: rowGateway,
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
  scheduledUrl: z.string().nullable().describe('where the scheduled publish will say it went out'),
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
  importProblem: z
    .string()
    .nullable()
    .describe("why the file's front matter was not read (it was imported as plain text)"),
  metrics: z.record(z.string(), z.number()),
});

/** An image from an item's markdown, loaded through the studio when the owner asks (the page may load none from elsewhere). */
export const gtmImageQuery = z.object({ url: webUrl });

export const gtmListQuery = z.object({
  status: z.enum(gtmStatuses).optional(),
  type: z.string().max(100).optional(),
  search: z.string().trim().max(200).optional(),
  gateway: gatewayFilter,
  sort: z.enum(['newest', 'priority']).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .max(300)
    .optional()
    .describe('nextCursor of the previous page, with the same filters, search and sort'),
});
export const gtmListResponse = z.object({
  outputs: z.array(gtmOutput).describe('a search lists title matches first, then text matches, each in the sort order'),
  total: z.number(),
  totalKind: z
    .enum(['exact', 'atLeast', 'estimate'])
    .describe(
      'exact; atLeast: counting stopped at 1,000; estimate: the database expects this many (counting every match of a frequent word would read them all)',
    ),
  limit: z.number(),
  nextCursor: z.string().nullable(),
});
export const gtmOutputResponse = z.object({ output: gtmOutputDetail });

export const gtmPatchBody = z
  .object({
    status: z.enum(gtmStatuses).optional(),
    scheduledFor: dateTimeInput.nullable().optional(),
    scheduledUrl: webUrl
      .optional()
      .describe('the URL the item is published at when its time comes; needed with scheduledFor'),
    contentMd: z.string().max(2_000_000).optional().describe('the new text (the answer names it the same)'),
    content_md: z.string().max(2_000_000).optional().describe('the seed’s name for contentMd, accepted as well'),
    priority: z.number().int().min(1).max(10).optional(),
    baseRevision: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('the revision the edit is based on; a stale one is refused with 409 and the current text'),
    resolveDisk: z
      .literal(true)
      .optional()
      .describe('the owner chose between this text and the newer one on disk: let the disk’s go'),
  })
  .strict()
  .refine((b) => Object.keys(b).some((k) => k !== 'baseRevision'), 'name at least one field to change')
  .refine((b) => b.contentMd === undefined || b.content_md === undefined, {
    path: ['contentMd'],
    message: 'send the text once, as contentMd (or the seed’s content_md)',
  })
  .refine((b) => (b.contentMd ?? b.content_md) === undefined || b.baseRevision !== undefined, {
    path: ['baseRevision'],
    message: 'an edit must say which revision it was made on',
  })
  .refine((b) => !b.scheduledFor || b.scheduledUrl, {
    path: ['scheduledUrl'],
    message: 'say the URL it will be published at',
  });

export const gtmRevision = z.object({
  revision: z.number(),
  author: actorSchema,
  restoredFrom: z.number().nullable(),
  length: z.number().describe('characters in the text'),
  createdAt: isoDate,
});
export const gtmRevisionsResponse = z.object({ revisions: z.array(gtmRevision) });
export const gtmRevisionResponse = z.object({ revision: gtmRevision.extend({ contentMd: z.string() }) });
export const revisionParams = z.object({ id: uuid, revision: z.coerce.number().int().min(1).max(2_147_483_647) });
export const restoreBody = z
  .object({ baseRevision: z.number().int().min(0).describe('the revision the editor shows; 409 if it is stale') })
  .strict();

export const bulkActions = ['approve', 'archive'] as const;
export const gtmBulkBody = z.object({ ids: z.array(uuid).min(1).max(200), action: z.enum(bulkActions) }).strict();
export const gtmBulkResponse = z.object({
  results: z.array(
    z.object({ id: uuid, ok: z.boolean(), status: z.enum(gtmStatuses).nullable(), error: z.string().nullable() }),
  ),
});

export const publishBody = z.object({ url: webUrl }).strict();

const figure = z.number().int('must be a whole number').min(0, 'cannot be negative').max(1e12);

/** A published item's performance: the figures sent replace the stored ones (the others are kept). */
export const contentMetricsBody = z
  .object({ views: figure.optional(), engagement: figure.optional(), clicks: figure.optional() })
  .strict()
  .refine((b) => b.views !== undefined || b.engagement !== undefined || b.clicks !== undefined, {
    message: 'send at least one of views, engagement, clicks',
  });

export const contentMetricsResponse = z.object({ outputId: z.string(), metrics: z.record(z.string(), z.number()) });
