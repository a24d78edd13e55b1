// Watches workspace/gtm/** and mirrors each markdown file into gtm_outputs. Files are agent-written and
// untrusted: only regular .md files inside the folder (no symlink or hard-link escape), of a sane size, that
// are text.
import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { confinePath, PathOutsideError } from '@agent-studio/core/confine-path';
import { archiveGtmOutputByPath, upsertGtmOutputFromFile, type Db } from '@agent-studio/database';
import type { Logger } from '../logger';
import { gatewayOf, type OfGateway } from '../of-gateway';
import { parseGtmFile } from './gtm-file';

export const MAX_GTM_FILE_BYTES = 5 * 1024 * 1024;
const MARKDOWN = new Set(['.md', '.markdown']);
// a file is written when its size and time stop changing for this long
const WRITE_STABLE_MS = 150;
const WRITE_POLL_MS = 25;
// a new folder is read again after each of these: chokidar watches it only once it has scanned it, which on a
// loaded machine took more than a second (a file written meanwhile was never imported); a read again of what
// was imported is a no-op
const SWEEPS_AFTER_MS = [1_000, 5_000, 30_000];

/** `gatewayId`: the gateway whose workspace the folder is in. */
export interface GtmFolderOptions extends OfGateway {
  db: Db;
  gtmDir: string;
  logger: Logger;
  /** Finds the cron run / session that wrote a file, from its modification time. */
  findAuthor?: (
    path: string,
    writtenAt: Date,
  ) => Promise<{ jobId?: string; runId?: string; sessionId?: string } | null>;
}

export class GtmFolderSource {
  private watcher: FSWatcher | null = null;
  /** Per-path chains: events for one file are handled in order, files in parallel. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly sweeps = new Set<NodeJS.Timeout>();

  constructor(private readonly opts: GtmFolderOptions) {}

  async start(): Promise<void> {
    const dir = resolve(this.opts.gtmDir);
    this.watcher = chokidar.watch(dir, {
      followSymlinks: false,
      awaitWriteFinish: { stabilityThreshold: WRITE_STABLE_MS, pollInterval: WRITE_POLL_MS },
      ignored: (path, stats) => Boolean(stats?.isFile() && !MARKDOWN.has(extname(path).toLowerCase())),
    });
    // chokidar awaits the end of a write only after its first scan: a file still being written when we start
    // would be read half-done
    let scanned = false;
    this.watcher.on('add', (p) => (scanned ? this.enqueue(p, () => this.ingest(p)) : this.ingestOnceWritten(p)));
    this.watcher.on('change', (p) => this.enqueue(p, () => this.ingest(p)));
    this.watcher.on('unlink', (p) => this.enqueue(p, () => this.archive(p)));
    // chokidar misses a file written into a new folder between its scan of the folder and its watch on it
    // (chokidar#1471): the new folder is read again at moments past it (SWEEPS_AFTER_MS)
    this.watcher.on('addDir', (d) => {
      if (!scanned) return;
      for (const ms of SWEEPS_AFTER_MS) {
        const timer = setTimeout(() => {
          this.sweeps.delete(timer);
          void this.sweep(d);
        }, ms);
        this.sweeps.add(timer);
      }
    });
    this.watcher.on('error', (err) => this.opts.logger.warn('gtm folder: watcher error', err));
    await new Promise<void>((ready) => this.watcher!.once('ready', () => ready()));
    scanned = true;
    this.opts.logger.info(`watching GTM folder ${dir}`);
  }

  async stop(): Promise<void> {
    for (const timer of this.sweeps) clearTimeout(timer);
    this.sweeps.clear();
    await this.watcher?.close();
    this.watcher = null;
    await Promise.all(this.queues.values());
  }

  /** Resolves when every event seen so far has been written to the database. */
  async idle(): Promise<void> {
    while (this.queues.size) await Promise.all(this.queues.values());
  }

  private enqueue(path: string, job: () => Promise<void>) {
    const prev = this.queues.get(path) ?? Promise.resolve();
    const next = prev
      .then(job)
      .catch((err) => this.opts.logger.warn(`gtm folder: ${path} skipped`, err))
      .finally(() => {
        if (this.queues.get(path) === next) this.queues.delete(path);
      });
    this.queues.set(path, next);
  }

  private async ingest(path: string) {
    const { logger, db } = this.opts;
    const file = await readConfined(this.opts.gtmDir, path).catch((err: Error) => {
      if (!(err instanceof PathOutsideError || err instanceof UnreadableFileError)) throw err;
      logger.warn(`gtm folder: ${path} ${err.message}; ignored`);
      return null;
    });
    if (!file) return;
    const { bytes, st } = file;
    const parsed = parseGtmFile(this.opts.gtmDir, path, bytes.toString('utf8'));
    if (parsed.warning) logger.warn(`gtm folder: ${path}: ${parsed.warning}`);
    const author = (await this.opts.findAuthor?.(path, st.mtime)) ?? null;
    await db.transaction((tx) =>
      upsertGtmOutputFromFile(tx, {
        gatewayId: gatewayOf(this.opts),
        sourceFilePath: resolve(path),
        title: parsed.title,
        contentType: parsed.contentType,
        tags: parsed.tags,
        priority: parsed.priority,
        initialStatus: parsed.initialStatus,
        contentMd: parsed.contentMd,
        contentHtml: parsed.contentHtml,
        fileHash: parsed.fileHash,
        sourceJobId: author?.jobId,
        sourceRunId: author?.runId,
        sourceSessionId: author?.sessionId,
        importProblem: parsed.warning,
      }),
    );
  }

  /** Imports every markdown file under a new folder (again, for those chokidar did report: unchanged, a no-op). */
  private async sweep(dir: string) {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (!e.isFile() || !MARKDOWN.has(extname(e.name).toLowerCase())) continue;
      this.ingestOnceWritten(join(e.parentPath, e.name));
    }
  }

  /** For a file chokidar has not waited on: imported once its writer is done (not at all if it is gone). */
  private ingestOnceWritten(path: string) {
    this.enqueue(path, async () => {
      if (await writeFinished(path)) await this.ingest(path);
    });
  }

  private async archive(path: string) {
    await this.opts.db.transaction((tx) => archiveGtmOutputByPath(tx, resolve(path), gatewayOf(this.opts)));
  }
}

/** Resolves once the file has stopped changing (true), or is gone (false). */
async function writeFinished(path: string): Promise<boolean> {
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const st = await stat(path).catch(() => null);
    if (!st) return false;
    const now = `${st.size}:${st.mtimeMs}`;
    if (now !== last) [last, stableSince] = [now, Date.now()];
    else if (Date.now() - stableSince >= WRITE_STABLE_MS) return true;
    await new Promise((r) => setTimeout(r, WRITE_POLL_MS));
  }
}

class UnreadableFileError extends Error {}

/**
 * Reads a file of the folder: confined to it (no `..`, no link out), opened without following a link swapped
 * in since, a regular file with no other hard link (a hard link is a file from elsewhere that realpath cannot
 * tell apart), at most MAX_GTM_FILE_BYTES of text.
 */
async function readConfined(root: string, path: string) {
  let real: string;
  try {
    real = await confinePath(root, path);
  } catch (err) {
    if (err instanceof PathOutsideError) throw new PathOutsideError(`points outside the folder (${err.message})`);
    throw err;
  }
  const fh = await open(real, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const st = await fh.stat();
    if (!st.isFile()) return null;
    if (st.nlink > 1)
      throw new UnreadableFileError('has another hard link, so it may be a file from outside the folder');
    if (st.size > MAX_GTM_FILE_BYTES)
      throw new UnreadableFileError(
        `is ${(st.size / 1048576).toFixed(1)} MB, over the ${MAX_GTM_FILE_BYTES / 1048576} MB limit`,
      );
    // at most the size seen: a file still growing cannot make us read without bound
    const buf = Buffer.alloc(st.size);
    const { bytesRead } = await fh.read(buf, 0, st.size, 0);
    const bytes = buf.subarray(0, bytesRead);
    // anywhere, not only near the start: Postgres refuses a NUL in text, and the row would fail at every retry
    if (bytes.includes(0)) throw new UnreadableFileError('is not text (it holds NUL bytes)');
    return { bytes, st };
  } finally {
    await fh.close();
  }
}
