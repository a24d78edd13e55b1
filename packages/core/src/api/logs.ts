import { z } from 'zod';
import { agentLog } from './agents';
import { limitParam } from './common';

const levels = ['debug', 'info', 'warn', 'error', 'thought'] as const;
/** A line's seq: its identity and its place in the log, as sent in each line (digits). */
const seqParam = z
  .string()
  .regex(/^\d{1,18}$/, 'must be a line’s seq (digits)')
  .describe('a line’s seq');
const filters = {
  level: z
    .string()
    .max(60)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(levels, { error: `each level must be one of ${levels.join(', ')}` })).max(levels.length))
    .optional()
    .describe('comma-separated levels to keep (all when absent)'),
  tool: z.string().trim().min(1).max(200).optional().describe('only the lines of this tool'),
};

/** One page of a log: the newest lines, or those before, after or around a line (keyset on seq, never an offset). */
export const logLinesQuery = z
  .object({
    before: seqParam.optional(),
    after: seqParam.optional(),
    around: seqParam.optional(),
    limit: limitParam(1000, 200),
    ...filters,
  })
  .refine((q) => [q.before, q.after, q.around].filter((x) => x !== undefined).length <= 1, {
    message: 'give at most one of before, after and around',
    path: ['before'],
  });

export const numberedLog = agentLog.extend({
  line: z.number().int().describe('the line’s number in the whole log (every level and tool), from 1'),
});

export const logLinesResponse = z.object({
  lines: z.array(numberedLog).describe('oldest first'),
  hasOlder: z.boolean(),
  hasNewer: z.boolean(),
  total: z.number().int().optional().describe('lines in the whole log: with the newest page only'),
  tools: z.array(z.string()).optional().describe('the tools the log’s lines name: with the newest page only'),
});

export const logSearchQuery = z.object({
  q: z.string().trim().min(1, 'type something to search for').max(500),
  before: seqParam.optional().describe('the nextCursor of the previous answer'),
  limit: limitParam(200, 50),
  ...filters,
});

export const logSearchResponse = z.object({
  matches: z
    .array(
      agentLog
        .pick({ seq: true, level: true, timestamp: true })
        .extend({ message: z.string().describe('the line’s first 300 characters') }),
    )
    .describe('newest first'),
  nextCursor: z.string().nullable().describe('older matches: pass as before'),
});

/** The live part of a log's stream: lines after this seq only (a view that read the newest page first). */
export const logStreamQuery = z.object({ after: seqParam.optional() });
