// The host-cron source: the crontab / cron.d files the owner names, each line a `cron_jobs` row with source
// 'host' (next run from croner). Re-read when a file changes and every minute (next runs move on); a line
// that disappears archives its job (removed_at, disabled), so its run history stays.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { listCronJobs, markCronJobRemoved, upsertCronJob, type Db } from '@agent-studio/database';
import type { Logger } from '../logger';
import { gatewayOf, type OfGateway } from '../of-gateway';
import { DebouncedJob } from './debounced-job';
import { hasUserColumn, nextRunOf, parseCrontab, type CrontabJob } from '../host-cron/crontab';

export const HOST_SOURCE = 'host';
const RESYNC_MS = 60_000;
const DEBOUNCE_MS = 100;

export class HostCrontabSource {
  private watcher: FSWatcher | null = null;
  private readonly job = new DebouncedJob(() => this.sync(), {
    debounceMs: DEBOUNCE_MS,
    everyMs: RESYNC_MS,
    onError: (err) => this.opts.logger.warn('host crontabs: sync failed, will retry', err),
  });
  /** The jobs of each file as last read; a file that cannot be read (other than gone) keeps them. */
  private readonly byFile = new Map<string, CrontabJob[]>();

  constructor(private readonly opts: { db: Db; files: string[]; logger: Logger } & OfGateway) {}

  async start(): Promise<void> {
    const files = this.opts.files.map((f) => resolve(f));
    this.watcher = chokidar.watch(files, { ignoreInitial: true });
    this.watcher.on('all', () => this.job.poke());
    this.watcher.on('error', (err) => this.opts.logger.warn('host crontabs: watcher error', err));
    await new Promise<void>((ready) => this.watcher!.once('ready', () => ready()));
    this.job.start();
    await this.job.idle();
    this.opts.logger.info(`host cron: watching ${files.join(', ')}`);
  }

  async stop(): Promise<void> {
    await this.watcher?.close();
    await this.job.stop();
  }

  idle(): Promise<void> {
    return this.job.idle();
  }

  /** Reads every file and brings the host jobs in line with them. */
  async sync(): Promise<void> {
    const { db, logger } = this.opts;
    const gatewayId = gatewayOf(this.opts);
    for (const f of this.opts.files) {
      const file = resolve(f);
      try {
        const parsed = parseCrontab(await readFile(file, 'utf8'), { userColumn: hasUserColumn(file), file });
        for (const w of parsed.warnings) logger.warn(`host cron: ${w}`);
        this.byFile.set(file, parsed.jobs);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') this.byFile.set(file, []);
        else
          logger.warn(
            `host cron: ${file} cannot be read (${code ?? (err as Error).message}); its jobs are kept as they were`,
          );
      }
    }
    const seen = new Set<string>();
    for (const [file, jobs] of this.byFile) {
      for (const job of jobs) {
        if (seen.has(job.name)) {
          logger.warn(`host cron: job "${job.name}" in ${file}:${job.line} is also defined in another file; skipped`);
          continue;
        }
        seen.add(job.name);
        await db.transaction((tx) =>
          upsertCronJob(tx, {
            gatewayId,
            source: HOST_SOURCE,
            externalId: job.name,
            name: job.name,
            schedule: job.schedule,
            timezone: job.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
            command: job.command,
            enabled: true,
            scheduleKind: 'cron',
            scheduleSpec: { kind: 'cron', expr: job.schedule, tz: job.timezone },
            payload: {
              kind: 'command',
              command: job.command,
              wrapped: job.wrapped,
              user: job.user,
              env: job.env,
              file,
              line: job.line,
            },
            nextRunAt: nextRunOf(job),
          }),
        );
      }
    }
    // only jobs read from a crontab are archived: one first seen from `exec --job` has no line to lose
    for (const known of await listCronJobs(db, { source: HOST_SOURCE, gatewayId })) {
      if (known.external_id && typeof known.payload.file === 'string' && !seen.has(known.external_id)) {
        await db.transaction((tx) => markCronJobRemoved(tx, HOST_SOURCE, known.external_id!, gatewayId));
      }
    }
  }
}
