// Watches workspace/gtm/** and mirrors each markdown file into gtm_outputs. Files are agent-written and
// untrusted: only regular .md files inside the folder (no symlink escape), of a sane size, that are text.
import { open, realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { archiveGtmOutputByPath, upsertGtmOutputFromFile, type Db } from '@agent-studio/database';
import type { Logger } from '../logger';
import { parseGtmFile } from './gtm-file';

export const MAX_GTM_FILE_BYTES = 5 * 1024 * 1024;
const MARKDOWN = new Set(['.md', '.markdown']);

export interface GtmFolderOptions {
  db: Db;
  gtmDir: string;
  logger: Logger;
  /** Finds the cron run / session that wrote a file, from its modification time. */
  findAuthor?: (path: string, writtenAt: Date) => Promise<{ jobId?: string; runId?: string; sessionId?: string } | null>;
}

export class GtmFolderSource {
  private watcher: FSWatcher | null = null;
  private root = '';
  /** Per-path chains: events for one file are handled in order, files in parallel. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly opts: GtmFolderOptions) {}

  async start(): Promise<void> {
    const dir = resolve(this.opts.gtmDir);
    this.root = await realpath(dir).catch(() => dir);
    this.watcher = chokidar.watch(dir, {
      followSymlinks: false,
      awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 25 },
      ignored: (path, stats) => Boolean(stats?.isFile() && !MARKDOWN.has(extname(path).toLowerCase())),
    });
    this.watcher.on('add', (p) => this.enqueue(p, () => this.ingest(p)));
    this.watcher.on('change', (p) => this.enqueue(p, () => this.ingest(p)));
    this.watcher.on('unlink', (p) => this.enqueue(p, () => this.archive(p)));
    this.watcher.on('error', (err) => this.opts.logger.warn('gtm folder: watcher error', err));
    await new Promise<void>((ready) => this.watcher!.once('ready', () => ready()));
    this.opts.logger.info(`watching GTM folder ${dir}`);
  }

  async stop(): Promise<void> {
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
    const real = await realpath(path);
    if (real !== this.root && !real.startsWith(this.root + sep)) {
      logger.warn(`gtm folder: ${path} points outside the folder; ignored`);
      return;
    }
    const st = await stat(real);
    if (!st.isFile()) return;
    if (st.size > MAX_GTM_FILE_BYTES) {
      logger.warn(`gtm folder: ${path} is ${(st.size / 1048576).toFixed(1)} MB, over the ${MAX_GTM_FILE_BYTES / 1048576} MB limit; ignored`);
      return;
    }
    const bytes = await readFile(real, st.size);
    if (bytes.subarray(0, 8192).includes(0)) {
      logger.warn(`gtm folder: ${path} is not text; ignored`);
      return;
    }
    const parsed = parseGtmFile(this.opts.gtmDir, path, bytes.toString('utf8'));
    if (parsed.warning) logger.warn(`gtm folder: ${path}: ${parsed.warning}`);
    const author = (await this.opts.findAuthor?.(path, st.mtime)) ?? null;
    await db.transaction((tx) =>
      upsertGtmOutputFromFile(tx, {
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
      }),
    );
  }

  private async archive(path: string) {
    await this.opts.db.transaction((tx) => archiveGtmOutputByPath(tx, resolve(path)));
  }
}

/** Reads at most `size` bytes: a file still growing cannot make us read without bound. */
async function readFile(path: string, size: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(size);
    const { bytesRead } = await fh.read(buf, 0, size, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}
