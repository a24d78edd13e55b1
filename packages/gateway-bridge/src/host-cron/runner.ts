// The host-cron runner behind `agent-studio exec`: runs the command with its output passed through, and
// records the run (start, every output line, exit code, duration, peak memory) in the spool file and, when a
// database is at hand, directly in it. The spool is written first, so a database that is down loses nothing.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { constants } from 'node:os';
import type { Db } from '@agent-studio/database';
import { PeakMemory } from './process-memory';
import { recordRun } from './record-run';
import { spoolFileName, type EndRecord, type OutRecord, type StartRecord, type SpoolRecord } from './spool';

export interface RunOptions {
  job: string;
  /** The command and its arguments (run without a shell). */
  argv: string[];
  spoolDir: string;
  trigger?: StartRecord['trigger'];
  triggeredBy?: string | null;
  runId?: string;
  /** The gateway the run is recorded under (host-cron/owner.ts: the machine's host-cron gateway). */
  gatewayId: string;
  /** Resolves to the database to record into directly (DATABASE_URL), or rejects: the spool is then the record. */
  db?: Promise<Db>;
  /** Where the command's output is passed through (the wrapper's own stdout/stderr). */
  passThrough?: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  /** Why the direct database record stopped (the spool still has everything). */
  onDbError?: (err: unknown) => void;
  /** Why the spool could not be written (the command runs anyway; only the database then has the run). */
  onSpoolError?: (err: unknown) => void;
}

export interface RunResult {
  runId: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  /** The shell's convention: the exit code, or 128 + the signal's number. */
  wrapperExitCode: number;
  peakRssKb: number | null;
  durationMs: number;
  /** True when the run is fully in the database and its spool file was removed. */
  recorded: boolean;
}

const FLUSH_MS = 200;
const MAX_LINE = 16_384; // a longer line (or a partial one, e.g. a progress bar) is recorded in pieces
const TAIL = 8_192;
const FORWARDED = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

/** An argument as a shell would need it written (for showing the command line). */
const shellQuote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

export async function runCommand(opts: RunOptions): Promise<RunResult> {
  const runId = opts.runId ?? randomUUID();
  const spoolPath = join(opts.spoolDir, spoolFileName(runId));
  const startedAt = new Date();
  const start: StartRecord = {
    t: 'start',
    runId,
    job: opts.job,
    command: opts.argv.map(shellQuote).join(' '),
    startedAt: startedAt.toISOString(),
    pid: process.pid,
    trigger: opts.trigger ?? 'scheduled',
    triggeredBy: opts.triggeredBy ?? null,
  };
  // the command runs whatever happens to the recording: a spool that cannot be written is reported, once
  let spoolOk = true;
  const spool = (records: SpoolRecord[]) => {
    if (!spoolOk) return;
    try {
      mkdirSync(opts.spoolDir, { recursive: true, mode: 0o700 });
      appendFileSync(spoolPath, records.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600 });
    } catch (err) {
      spoolOk = false;
      opts.onSpoolError?.(err);
    }
  };
  spool([start]);

  // the database is written in order, one batch at a time, and given up at its first failure
  let dbOk = Boolean(opts.db);
  let dbChain: Promise<void> = Promise.resolve();
  const toDb = (records: (OutRecord | EndRecord)[]) => {
    if (!opts.db) return;
    dbChain = dbChain.then(async () => {
      if (!dbOk) return;
      try {
        const db = await opts.db!;
        await db.transaction((tx) => recordRun(tx, opts.gatewayId, start, records));
      } catch (err) {
        dbOk = false;
        opts.onDbError?.(err);
      }
    });
  };
  toDb([]);

  let seq = 0;
  let pending: OutRecord[] = [];
  const tails = { stdout: '', stderr: '' };
  const flush = () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    spool(batch);
    toDb(batch);
  };
  const line = (stream: 'stdout' | 'stderr', text: string) => {
    pending.push({ t: 'out', seq: seq++, stream, text, at: new Date().toISOString() });
    if (pending.length >= 1000) flush();
  };

  const child = spawn(opts.argv[0]!, opts.argv.slice(1), { stdio: ['inherit', 'pipe', 'pipe'] });
  const memory = child.pid ? new PeakMemory(child.pid).start() : null;
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  for (const s of FORWARDED) process.on(s, forward);
  const timer = setInterval(flush, FLUSH_MS);

  const capture = (stream: 'stdout' | 'stderr', readable: NodeJS.ReadableStream, out?: NodeJS.WritableStream) => {
    const decoder = new StringDecoder('utf8');
    let partial = '';
    readable.on('data', (chunk: Buffer) => {
      out?.write(chunk);
      const text = decoder.write(chunk);
      tails[stream] = (tails[stream] + text).slice(-TAIL);
      partial += text;
      let nl;
      while ((nl = partial.indexOf('\n')) !== -1) {
        line(stream, partial.slice(0, nl).replace(/\r$/, ''));
        partial = partial.slice(nl + 1);
      }
      while (partial.length > MAX_LINE) {
        line(stream, partial.slice(0, MAX_LINE));
        partial = partial.slice(MAX_LINE);
      }
    });
    return new Promise<void>((resolve) =>
      readable.on('end', () => {
        const rest = partial + decoder.end();
        if (rest) line(stream, rest);
        resolve();
      }),
    );
  };
  const outputs = Promise.all([
    capture('stdout', child.stdout!, opts.passThrough?.stdout),
    capture('stderr', child.stderr!, opts.passThrough?.stderr),
  ]);

  const { exitCode, signal, error } = await new Promise<{
    exitCode: number | null;
    signal: NodeJS.Signals | null;
    error: string | null;
  }>((resolve) => {
    child.on('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'ENOENT'
          ? `command not found: ${opts.argv[0]}`
          : err.code === 'EACCES'
            ? `permission denied: ${opts.argv[0]}`
            : err.message;
      resolve({ exitCode: err.code === 'ENOENT' ? 127 : 126, signal: null, error: why });
    });
    child.on('exit', (code, sig) =>
      resolve({
        exitCode: code,
        signal: sig,
        error: sig ? `killed by ${sig}` : code ? `exited with code ${code}` : null,
      }),
    );
  });
  if (child.pid) await outputs; // the pipes drain after the exit event
  memory?.sample(); // a last look (a very short command may end before the first sample)
  const peakRssKb = memory?.stop() ?? null;
  clearInterval(timer);
  for (const s of FORWARDED) process.off(s, forward);
  if (error && !child.pid) {
    opts.passThrough?.stderr.write(`agent-studio exec: ${error}\n`);
    line('stderr', error);
  }
  flush();

  const finishedAt = new Date();
  const durationMs = finishedAt.getTime() - startedAt.getTime();
  const end: EndRecord = {
    t: 'end',
    finishedAt: finishedAt.toISOString(),
    exitCode,
    signal,
    durationMs,
    peakRssKb,
    error,
    stdoutTail: tails.stdout,
    stderrTail: tails.stderr,
  };
  spool([end]);
  toDb([end]);
  await dbChain;
  // a bridge watching the spool may have imported and removed it already (it had the end record too)
  if (dbOk && spoolOk) rmSync(spoolPath, { force: true });
  const wrapperExitCode = exitCode ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);
  return { runId, exitCode, signal, wrapperExitCode, peakRssKb, durationMs, recorded: dbOk };
}
