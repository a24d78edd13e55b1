// The exec spool: one JSONL file per host-cron run (`<spoolDir>/<runId>.jsonl`), written by `agent-studio exec`
// as the command runs. It is the run's write-ahead log: the bridge imports it live (the embedded database has
// one writer, the studio), and a run whose database was down is imported later. Nothing is lost either way.
import { z } from 'zod';

export const triggerTypes = ['scheduled', 'manual', 'retry'] as const;

export const startRecord = z.object({
  t: z.literal('start'),
  runId: z.string().uuid(),
  job: z.string().min(1),
  command: z.string(),
  startedAt: z.string(),
  /** The wrapper's pid: a file without an end whose wrapper is gone was cut short. */
  pid: z.number().int(),
  trigger: z.enum(triggerTypes),
  triggeredBy: z.string().uuid().nullable(),
});

export const outRecord = z.object({
  t: z.literal('out'),
  seq: z.number().int().nonnegative(),
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  at: z.string(),
});

export const endRecord = z.object({
  t: z.literal('end'),
  finishedAt: z.string(),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  durationMs: z.number().int().nonnegative(),
  /** Highest resident memory of the command's process tree, sampled from /proc (null: not measurable here). */
  peakRssKb: z.number().int().nullable(),
  /** Why the command did not run or end normally, in words. */
  error: z.string().nullable(),
  stdoutTail: z.string(),
  stderrTail: z.string(),
});

export const spoolRecord = z.discriminatedUnion('t', [startRecord, outRecord, endRecord]);

export type StartRecord = z.infer<typeof startRecord>;
export type OutRecord = z.infer<typeof outRecord>;
export type EndRecord = z.infer<typeof endRecord>;
export type SpoolRecord = z.infer<typeof spoolRecord>;

export const spoolFileName = (runId: string) => `${runId}.jsonl`;
export const isSpoolFile = (name: string) => /^[0-9a-f-]{36}\.jsonl$/.test(name);
