// Read-only ingestion of an OpenClaw before 2026.6.1 from its state folder: cron/jobs.json (+ jobs-state.json),
// cron/runs/<jobId>.jsonl, agents/<agentId>/sessions/sessions.json and the <sessionId>.jsonl transcripts.
// Whole-file JSON is re-read when it changes (upserts are idempotent); JSONL files are followed by byte offset,
// checkpointed in the same transaction as the rows they produced, so a restart neither drops nor repeats.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { confinePath, PathOutsideError } from '@agent-studio/core/confine-path';
import {
  getAgentSessionByOpenclawId,
  getCheckpoint,
  getCronJobByExternalId,
  insertAgentLogs,
  listCronJobs,
  markCronJobRemoved,
  setCheckpoint,
  upsertAgentSession,
  upsertCronJob,
  upsertCronRun,
  type Db,
  type Queryable,
} from '@agent-studio/database';
import { parseJobs, parseRunLine, parseSessions, transcriptLogs } from './openclaw-files-format';
import type { Logger } from '../logger';
import { gatewayOf, type OfGateway } from '../of-gateway';
import { DebouncedJob } from './debounced-job';
import { SOURCE, cronJobIdOfKey, toAgentSessionInput, toCronJobInput, toCronRunInput } from '../mirror/translate';
import { parseJsonLine, readNewLines, type TailCheckpoint } from './jsonl-tail';
import { parseStorableJson } from '../storable-json';

const CHECKPOINTS = 'openclaw-files';
const RESCAN_MS = 30_000;
const DEBOUNCE_MS = 100;

export class OpenclawFilesSource {
  private watcher: FSWatcher | null = null;
  private readonly job = new DebouncedJob(() => this.scan(), {
    debounceMs: DEBOUNCE_MS,
    everyMs: RESCAN_MS,
    onError: (err) => this.opts.logger.warn('OpenClaw files: scan failed, will retry', err),
  });
  /** Whole-file JSON as last applied (path → mtime:size), so an unchanged file is not re-applied. */
  private readonly seenVersion = new Map<string, string>();
  /** Session entries as last applied (key → JSON), for the same reason: sessions.json changes often. */
  private readonly seenSession = new Map<string, string>();
  /** Files already reported as leading out of the folder (rescans would repeat the warning every 30 s). */
  private readonly refused = new Set<string>();

  constructor(private readonly opts: { db: Db; stateDir: string; logger: Logger } & OfGateway) {
    this.gatewayId = gatewayOf(opts);
  }

  private readonly gatewayId: string;

  async start(): Promise<void> {
    const { stateDir, logger } = this.opts;
    this.watcher = chokidar.watch([join(stateDir, 'cron'), join(stateDir, 'agents')], {
      ignoreInitial: true,
      depth: 3,
    });
    this.watcher.on('all', () => this.job.poke());
    this.watcher.on('error', (err) => logger.warn('OpenClaw files: watcher error', err));
    await new Promise<void>((ready) => this.watcher!.once('ready', () => ready()));
    this.job.start();
    await this.job.idle();
    // without a config the studio looks here too: say what it found, not that it reads what is not there
    const found = ['cron/jobs.json', 'agents'].some((p) => existsSync(join(stateDir, p)));
    logger.info(
      found
        ? `reading OpenClaw's state files in ${stateDir} (an OpenClaw before 2026.6.1)`
        : `no OpenClaw state files in ${stateDir} either; watching it in case an OpenClaw before 2026.6.1 writes them`,
    );
  }

  async stop(): Promise<void> {
    await this.watcher?.close();
    await this.job.stop();
  }

  idle(): Promise<void> {
    return this.job.idle();
  }

  /** Jobs first, then sessions and runs (they link to jobs), then transcripts (they need their session). */
  async scan(): Promise<void> {
    const { stateDir } = this.opts;
    await this.readJobs();
    const agentsDir = join(stateDir, 'agents');
    const agents = await list(agentsDir);
    for (const agent of agents) await this.readSessions(join(agentsDir, agent, 'sessions', 'sessions.json'), agent);
    const runsDir = join(stateDir, 'cron', 'runs');
    for (const f of (await list(runsDir)).filter((n) => n.endsWith('.jsonl')))
      await this.follow(join(runsDir, f), async (tx, values) => {
        for (const v of values) await this.applyRun(tx, v);
      });
    for (const agent of agents) {
      const dir = join(agentsDir, agent, 'sessions');
      for (const f of (await list(dir)).filter((n) => n.endsWith('.jsonl'))) await this.followTranscript(join(dir, f));
    }
  }

  /**
   * The real path of a file of the state folder, or null when it is missing or leads out of the folder (an
   * agent that can write there could plant a link to any file of the host's user: it is skipped, said once).
   */
  private async confined(path: string): Promise<string | null> {
    try {
      return await confinePath(this.opts.stateDir, path);
    } catch (err) {
      if (err instanceof PathOutsideError && !this.refused.has(path)) {
        this.refused.add(path);
        this.opts.logger.warn(`OpenClaw files: ${path} is skipped: ${err.message}`);
      }
      if (err instanceof PathOutsideError || (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  /** The file's JSON if it changed since it was last applied (null: unchanged, missing, outside, or half-written). */
  private async changedJson(file: string): Promise<unknown> {
    const path = await this.confined(file);
    if (!path) return null;
    const st = await stat(path).catch(() => null);
    if (!st) return null;
    const version = `${st.mtimeMs}:${st.size}`;
    if (this.seenVersion.get(path) === version) return null;
    try {
      const json = parseStorableJson(await readFile(path, 'utf8'));
      this.seenVersion.set(path, version);
      return json;
    } catch {
      this.opts.logger.warn(`OpenClaw files: ${path} is not valid JSON (being written?); read again when it changes`);
      return null;
    }
  }

  private async readJobs() {
    const { db, stateDir, logger } = this.opts;
    const jobsPath = join(stateDir, 'cron', 'jobs.json');
    const statePath = join(stateDir, 'cron', 'jobs-state.json');
    const [jobsJson, stateJson] = [await this.changedJson(jobsPath), await this.changedJson(statePath)];
    if (jobsJson === null && stateJson === null) return;
    // either file changed: apply both as they are now
    const [realJobs, realState] = [await this.confined(jobsPath), await this.confined(statePath)];
    const jobs =
      jobsJson ??
      parseStorableJson(realJobs ? await readFile(realJobs, 'utf8').catch(() => '{"jobs":[]}') : '{"jobs":[]}');
    const state =
      stateJson ??
      (realState
        ? await readFile(realState, 'utf8')
            .then(parseStorableJson)
            .catch(() => null)
        : null);
    let parsed;
    try {
      parsed = parseJobs(jobs, state);
    } catch {
      logger.warn(`OpenClaw files: ${jobsPath} has no job list; skipped`);
      return;
    }
    if (parsed.skipped)
      logger.warn(`OpenClaw files: ${parsed.skipped} job(s) in ${jobsPath} could not be read; skipped`);
    const { gatewayId } = this;
    for (const job of parsed.jobs)
      await db.transaction((tx) => upsertCronJob(tx, { ...toCronJobInput(job), gatewayId }));
    const ids = new Set(parsed.jobs.map((j) => j.id));
    for (const known of await listCronJobs(db, { source: SOURCE, gatewayId })) {
      if (known.external_id && !ids.has(known.external_id))
        await db.transaction((tx) => markCronJobRemoved(tx, SOURCE, known.external_id!, gatewayId));
    }
  }

  private async readSessions(path: string, agentId: string) {
    const json = await this.changedJson(path);
    if (json === null) return;
    let sessions;
    try {
      sessions = parseSessions(json, agentId);
    } catch {
      this.opts.logger.warn(`OpenClaw files: ${path} is not a session list; skipped`);
      return;
    }
    // parents first, so children link at once
    sessions.sort((a, b) => (a.spawnDepth ?? 0) - (b.spawnDepth ?? 0));
    for (const s of sessions) {
      const json = JSON.stringify(s);
      if (this.seenSession.get(s.key) === json) continue;
      await this.opts.db.transaction(async (tx) => {
        const jobExternal = cronJobIdOfKey(s.key);
        const job = jobExternal ? await getCronJobByExternalId(tx, SOURCE, jobExternal, this.gatewayId) : null;
        await upsertAgentSession(tx, { ...toAgentSessionInput(s, job?.id ?? null), gatewayId: this.gatewayId });
      });
      this.seenSession.set(s.key, json);
    }
  }

  /** A finished run, and the session it ran in (so its transcript has somewhere to go). */
  private async applyRun(tx: Queryable, value: unknown) {
    const run = parseRunLine(value);
    if (!run) return;
    const job = await getCronJobByExternalId(tx, SOURCE, run.jobId, this.gatewayId);
    if (!job) {
      this.opts.logger.warn(`OpenClaw files: a run of job ${run.jobId}, which is not in cron/jobs.json, was skipped`);
      return;
    }
    const input = toCronRunInput(job.id, run);
    await upsertCronRun(tx, input);
    if (run.sessionKey && run.sessionId) {
      await upsertAgentSession(tx, {
        gatewayId: this.gatewayId,
        sessionKey: run.sessionKey,
        agentName: job.name,
        agentType: 'cron',
        status: input.status === 'completed' ? 'completed' : 'error',
        agentId: /^agent:([^:]+):/.exec(run.sessionKey)?.[1] ?? null,
        openclawSessionId: run.sessionId,
        startedAt: input.startedAt,
        lastActivityAt: input.finishedAt ?? input.startedAt,
        completedAt: input.finishedAt ?? input.startedAt,
        tokenUsage: input.tokenUsage,
        model: input.model,
        provider: input.provider,
        cronJobId: job.id,
      });
    }
  }

  private async followTranscript(path: string) {
    const session = await getAgentSessionByOpenclawId(this.opts.db, basename(path, '.jsonl'), this.gatewayId);
    if (!session) return; // not listed yet: read once sessions.json or a run names it
    await this.follow(path, (tx, values) => insertAgentLogs(tx, session.id, values.flatMap(transcriptLogs)));
  }

  /**
   * Applies the lines appended to `path` since its checkpoint. A last line without its newline is being
   * written (left for the next read); a line that is not JSON is skipped with a warning; a file replaced or
   * shrunk (rotation, truncation) is read again from the start.
   */
  private async follow(path: string, apply: (tx: Queryable, values: unknown[]) => Promise<unknown>) {
    const { db, stateDir, logger } = this.opts;
    const key = relative(stateDir, path);
    let from = await getCheckpoint<TailCheckpoint>(db, CHECKPOINTS, key, this.gatewayId);
    const real = await this.confined(path);
    if (!real) return;
    for (;;) {
      const read = await readNewLines(real, from);
      if (!read || (read.checkpoint.offset === from?.offset && !read.restarted)) return;
      if (read.restarted)
        logger.warn(`OpenClaw files: ${key} was replaced or truncated; reading it again from the start`);
      const values: unknown[] = [];
      for (const l of read.lines) {
        const value = parseJsonLine(l.text);
        if (value === undefined)
          logger.warn(`OpenClaw files: ${key}: the line ending at byte ${l.end} is not JSON; skipped`);
        else values.push(value);
      }
      await db.transaction(async (tx) => {
        await apply(tx, values);
        await setCheckpoint(tx, CHECKPOINTS, key, read.checkpoint, this.gatewayId);
      });
      from = read.checkpoint;
      if (!read.more) return;
    }
  }
}

async function list(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}
