// Imports the exec spool (host-cron runs written by `agent-studio exec`, see host-cron/spool.ts) into the
// database as the runs go: new lines within ~0.2 s, the run finished when its end record arrives, the file
// removed then. Byte offsets are checkpointed with each batch, so a restart neither drops nor repeats a line.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { deleteCheckpoint, getCheckpoint, isAlive, setCheckpoint, type Db } from '@agent-studio/database';
import { recordRun } from '../host-cron/record-run';
import { isSpoolFile, spoolRecord, type EndRecord, type OutRecord, type StartRecord } from '../host-cron/spool';
import type { Logger } from '../logger';
import { gatewayOf, type OfGateway } from '../of-gateway';
import { DebouncedJob } from './debounced-job';
import { parseJsonLine, readNewLines, type TailCheckpoint } from './jsonl-tail';

const SOURCE = 'exec-spool';
const RESCAN_MS = 5_000;
const DEBOUNCE_MS = 20;

interface FileState extends TailCheckpoint {
  start: StartRecord | null;
}

export class ExecSpoolSource {
  private watcher: FSWatcher | null = null;
  /** Files changed since the last import; the timer's rescan takes them all (and finds dead wrappers). */
  private readonly dirty = new Set<string>();
  private readonly job = new DebouncedJob(() => this.importChanged(), {
    debounceMs: DEBOUNCE_MS,
    everyMs: RESCAN_MS,
    onError: (err) => this.opts.logger.warn('exec spool: import failed, will retry', err),
  });

  constructor(private readonly opts: { db: Db; spoolDir: string; logger: Logger } & OfGateway) {}

  async start(): Promise<void> {
    mkdirSync(this.opts.spoolDir, { recursive: true, mode: 0o700 });
    this.watcher = chokidar.watch(this.opts.spoolDir, { depth: 0, ignoreInitial: true });
    const changed = (p: string) => {
      this.dirty.add(basename(p));
      this.job.poke();
    };
    this.watcher.on('add', changed).on('change', changed);
    this.watcher.on('error', (err) => this.opts.logger.warn('exec spool: watcher error', err));
    await new Promise<void>((ready) => this.watcher!.once('ready', () => ready()));
    this.job.start();
  }

  async stop(): Promise<void> {
    await this.watcher?.close();
    await this.job.stop();
  }

  /** Resolves when every change seen so far is imported. */
  idle(): Promise<void> {
    return this.job.idle();
  }

  private async importChanged() {
    const names = this.dirty.size ? [...this.dirty] : readdirSync(this.opts.spoolDir);
    this.dirty.clear();
    for (const name of names.filter(isSpoolFile)) {
      await this.importFile(name).catch((err) =>
        this.opts.logger.warn(`exec spool: ${name} not imported yet, will retry`, err),
      );
    }
  }

  private async importFile(name: string) {
    const { db, logger } = this.opts;
    const path = join(this.opts.spoolDir, name);
    let state = await getCheckpoint<FileState>(db, SOURCE, name, gatewayOf(this.opts));
    for (;;) {
      const read = await readNewLines(path, state);
      if (!read) return; // imported and removed (by us, or by a wrapper that wrote to the database itself)
      let start = read.restarted ? null : (state?.start ?? null);
      const records: (OutRecord | EndRecord)[] = [];
      for (const l of read.lines) {
        const r = spoolRecord.safeParse(parseJsonLine(l.text));
        if (!r.success) logger.warn(`exec spool: ${name}: a line that is not a spool record was skipped`);
        else if (r.data.t === 'start') start = r.data;
        else records.push(r.data);
      }
      if (!start) {
        if (read.lines.length) logger.warn(`exec spool: ${name} does not begin with a start record; ignored`);
        return;
      }
      const next: FileState = { ...read.checkpoint, start };
      const run = start;
      const finished = await db.transaction(async (tx) => {
        const { finished } = await recordRun(tx, gatewayOf(this.opts), run, records);
        await (finished
          ? deleteCheckpoint(tx, SOURCE, name, gatewayOf(this.opts))
          : setCheckpoint(tx, SOURCE, name, next, gatewayOf(this.opts)));
        return finished;
      });
      state = next;
      if (finished) {
        // force: the wrapper, writing to the database itself, may have removed it as it ended
        rmSync(path, { force: true });
        return;
      }
      if (read.more) continue;
      if (isAlive(start.pid)) return;
      // the wrapper is gone: whatever it wrote before it went is in the file now
      const after = await readNewLines(path, state);
      if (after?.lines.length) continue;
      if (after) await this.finishAbandoned(name, path, start, records.at(-1));
      return;
    }
  }

  /** The wrapper is gone without an end record (killed, machine rebooted): the run failed, its output is kept. */
  private async finishAbandoned(
    name: string,
    path: string,
    start: StartRecord,
    last: OutRecord | EndRecord | undefined,
  ) {
    const at = last?.t === 'out' ? last.at : new Date().toISOString();
    const end: EndRecord = {
      t: 'end',
      finishedAt: at,
      exitCode: null,
      signal: null,
      durationMs: Math.max(0, Date.parse(at) - Date.parse(start.startedAt)),
      peakRssKb: null,
      error: 'agent-studio exec stopped before the command finished (killed, or the machine restarted)',
      stdoutTail: '',
      stderrTail: '',
    };
    await this.opts.db.transaction(async (tx) => {
      await recordRun(tx, gatewayOf(this.opts), start, [end]);
      await deleteCheckpoint(tx, SOURCE, name, gatewayOf(this.opts));
    });
    rmSync(path, { force: true });
    this.opts.logger.warn(
      `exec spool: run of "${start.job}" (${start.runId}) ended without its wrapper; marked failed`,
    );
  }
}
