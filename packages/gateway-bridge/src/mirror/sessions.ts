// The gateway's session list: every page the first time, after each connect and once an hour (what it no longer lists
// was deleted meanwhile; what it archived on its own kept its update time), else what changed since the last pass;
// written a few at a time so a live event never waits long. A row unchanged since it was last written is not written
// again.
import {
  getCheckpoint,
  listArchivedSessionKeys,
  listHeldSessionKeys,
  markSessionDeleted,
  setCheckpoint,
  type Db,
} from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import { GatewayError } from '../gateway/client';
import type { Logger } from '../logger';
import { inTurn, type LiveMarks, type Step } from './live-order';
import { isDataError, readableSessions, writeSession } from './rows';
import { sessionRowSchema, sessionsPageSchema, type OcSession } from './schemas';
import { SOURCE, cronJobIdOfKey, mirroredSessionKey } from './translate';

export const SESSIONS_PAGE = 500;
// 200 pages of 500: a bound, not a limit anyone meets
const MAX_SESSION_PAGES = 200;
// sessions written per step of a reconcile: a live event waits for one step at most
const SESSIONS_PER_STEP = 1;
// sessions updated this close before the last pass are listed again (clocks, a pass that ended mid-update)
const SESSIONS_OVERLAP_MS = 10 * 60_000;
// how often a pass reads every page even without a connect: OpenClaw's maintenance archives sessions (idle past its
// retention, past its cap) without changing their update time, so only a whole list shows it
const WHOLE_LIST_EVERY_MS = 3_600_000;
// transcripts read again after an outage: the sessions active since the last pass, less this overlap
export const BACKFILL_OVERLAP_MS = 5 * 60_000;
// on the very first connect, the transcripts of the sessions active in the last week
export const FIRST_BACKFILL_MS = 7 * 86_400_000;

/**
 * One page of `sessions.list` (newest update first): the gateway's answer and the rows of it that could be read.
 * Archived sessions too: OpenClaw 2026.9.6 archives a session idle 30 days, those past its 5,000 newest, and those
 * archived in its Control UI, and lists them only when asked (`archived: 'all'`); a session the whole list leaves
 * out is taken for deleted. So is the session keyed `unknown`, listed only when asked (`includeUnknown`). A gateway
 * that refuses the parameters (one from before archiving) is asked without them.
 */
async function readPage(gw: GatewayCalls, offset?: number) {
  const params = { limit: SESSIONS_PAGE, offset, includeGlobal: true };
  const every = { ...params, archived: 'all', includeUnknown: true };
  const answer = await gw.request('sessions.list', every).catch((err: unknown) => {
    if (err instanceof GatewayError && err.code === 'INVALID_REQUEST') return gw.request('sessions.list', params);
    throw err;
  });
  const res = sessionsPageSchema.parse(answer);
  return { res, page: readableSessions(res.sessions) };
}

/**
 * `sessions.list` page by page (newest update first), down to `since` (all of them when null), parents first.
 * The default sort is by update time, so a pass can stop at the first page older than the last one. `complete`:
 * every page was read, to the last, and every row in them (one that could not be read is not in `rows`).
 */
export async function listAllSessions(
  gw: GatewayCalls,
  since: number | null,
): Promise<{ rows: OcSession[]; complete: boolean }> {
  const rows: OcSession[] = [];
  let allRead = true;
  let complete = false;
  for (let offset = 0, pages = 0; pages < MAX_SESSION_PAGES; pages++) {
    const { res, page } = await readPage(gw, offset);
    rows.push(...page);
    allRead &&= page.length === res.sessions.length;
    const last = !res.hasMore || !res.sessions.length;
    complete = last && allRead;
    const older = since != null && page.some((s) => s.updatedAt != null && s.updatedAt < since);
    if (older || last) break;
    offset = res.nextOffset ?? offset + res.sessions.length;
  }
  // parents first, so children link at once
  const unique = [...new Map(rows.map((s) => [s.key, s])).values()];
  return { rows: unique.sort((a, b) => (a.spawnDepth ?? 0) - (b.spawnDepth ?? 0)), complete };
}

/**
 * What the mirror reads of a listed session, to tell a changed row from one already written. Not `updatedAt` alone:
 * OpenClaw 2026.9.6 keeps a cron run's row at the `updatedAt` its session began with while the run goes on and
 * ends (`hasActiveRun`, tokens and `estimatedCostUsd` change under it), so a row read mid-run would hide its cost.
 */
const fingerprint = (s: OcSession): string =>
  JSON.stringify(Object.keys(sessionRowSchema.shape).map((k) => s[k as keyof OcSession] ?? null));

export class SessionList {
  /** Each session as last written from the gateway's list (its fingerprint). */
  private readonly seen = new Map<string, string>();

  /** When the last pass that read every page began (0: none yet). */
  private wholeListAt = 0;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly live: LiveMarks,
    /** The gateway listed. */
    private readonly gatewayId: string,
    private readonly wholeListEveryMs = WHOLE_LIST_EVERY_MS,
  ) {}

  /**
   * The gateway's sessions, every page of them the first time, then those updated since the last pass (less
   * an overlap); written a few at a time. Returns the keys of those listed as updated since the last pass, and
   * `done`, which moves the checkpoint past them: the caller's to call once everything after the list (the
   * transcripts read back) is in, so a bridge that dies before lists them again.
   */
  async reconcile(
    gw: GatewayCalls,
    step: Step = inTurn,
    opts: { everyPage?: boolean } = {},
  ): Promise<{
    listed: number;
    touched: string[];
    rows: Map<string, OcSession>;
    deleted: number;
    done: () => Promise<void>;
  }> {
    const checkpoint =
      (await getCheckpoint<{ updatedAtMs: number }>(this.db, SOURCE, 'sessions.list', this.gatewayId))?.updatedAtMs ??
      null;
    const asked = Date.now();
    const changedSince = checkpoint == null ? null : checkpoint - SESSIONS_OVERLAP_MS;
    // every page after a connect (a session deleted while the studio was away is one the gateway no longer lists),
    // and now and then (one archived by OpenClaw's maintenance is listed as updated when it was last used)
    const whole = Boolean(opts.everyPage) || asked - this.wholeListAt >= this.wholeListEveryMs;
    if (whole) this.wholeListAt = asked;
    const list = await listAllSessions(gw, whole ? null : changedSince);
    const rows = list.rows;
    const archived = whole && changedSince != null ? await listArchivedSessionKeys(this.db, this.gatewayId) : null;
    const changed =
      changedSince == null
        ? rows
        : rows.filter(
            (s) =>
              (s.updatedAt ?? Infinity) >= changedSince ||
              (archived && s.archived != null && s.archived !== archived.has(mirroredSessionKey(s))),
          );
    await this.recordInSteps(this.unwritten(changed), step, asked);
    const deleted = whole && list.complete ? await this.markUnlisted(gw, rows, step, asked) : 0;
    const newest = Math.max(checkpoint ?? 0, ...rows.map((s) => s.updatedAt ?? 0));
    const since = checkpoint == null ? Date.now() - FIRST_BACKFILL_MS : checkpoint - BACKFILL_OVERLAP_MS;
    return {
      listed: rows.length,
      touched: rows.filter((s) => (s.updatedAt ?? Infinity) >= since).map(mirroredSessionKey),
      rows: new Map(rows.map((s) => [mirroredSessionKey(s), s])),
      deleted,
      done: () => step(() => setCheckpoint(this.db, SOURCE, 'sessions.list', { updatedAtMs: newest }, this.gatewayId)),
    };
  }

  /**
   * Marks deleted the sessions the studio holds that the gateway's whole list (asked at `asked`) no longer names,
   * as a live `sessions.changed` delete would have; a cron job's run sessions are left (the gateway lists only its
   * latest run's), and so is a session active since. Returns how many.
   */
  private async markUnlisted(gw: GatewayCalls, rows: readonly OcSession[], step: Step, asked: number): Promise<number> {
    const listed = new Set(rows.map(mirroredSessionKey));
    let unlisted = (await listHeldSessionKeys(this.db, this.gatewayId, new Date(asked))).filter(
      (key) => !listed.has(key) && !cronJobIdOfKey(key) && !this.live.since(key, asked),
    );
    if (!unlisted.length) return 0;
    // the pages are by offset, newest update first: a session updated while they were read moved up past the
    // page being read, and is on the first page now
    const { res, page: again } = await readPage(gw);
    if (again.length !== res.sessions.length) return 0;
    const named = new Set(again.map(mirroredSessionKey));
    unlisted = unlisted.filter((key) => !named.has(key));
    for (const key of unlisted)
      await step(() => this.db.transaction((tx) => markSessionDeleted(tx, key, new Date(asked), this.gatewayId)));
    return unlisted.length;
  }

  /** The gateway's sessions changed since they were last written, of its first page (what a finished run touched). */
  async listChanged(gw: GatewayCalls): Promise<{ listed: number; changed: OcSession[]; asked: number }> {
    const asked = Date.now();
    const { page: rows } = await readPage(gw);
    rows.sort((a, b) => (a.spawnDepth ?? 0) - (b.spawnDepth ?? 0));
    // the list is read often (after runs finish): rows unchanged since the last read are not written again
    return { listed: rows.length, changed: this.unwritten(rows), asked };
  }

  /**
   * Writes sessions a step each, so a live event waits for one session's write at most (the bench's target:
   * live event → row p99 under 50 ms while 2,000 are written). A session a live event changed since the list
   * was `asked` for is newer than the list: left to the next pass.
   */
  async recordInSteps(sessions: readonly OcSession[], step: Step, asked: number): Promise<void> {
    for (let i = 0; i < sessions.length; i += SESSIONS_PER_STEP)
      await step(() => this.record(sessions.slice(i, i + SESSIONS_PER_STEP), asked));
  }

  /**
   * Writes sessions in one transaction (one commit, not one each); when the database refuses one, one by one.
   * `asked`: when the gateway was asked for them; a session a live event touched since is newer than that.
   */
  async record(all: readonly OcSession[], asked?: number): Promise<void> {
    const sessions = asked == null ? all : all.filter((s) => !this.live.since(mirroredSessionKey(s), asked));
    try {
      await this.db.transaction(async (tx) => {
        for (const s of sessions) await writeSession(tx, this.gatewayId, s);
      });
    } catch (err) {
      if (!isDataError(err)) throw err;
      for (const s of sessions) {
        await this.db
          .transaction((tx) => writeSession(tx, this.gatewayId, s))
          .then(
            () => this.markSeen([s]),
            (e) => this.logger.warn(`gateway: session ${s.key} not mirrored`, e),
          );
      }
      return;
    }
    this.markSeen(sessions);
  }

  private unwritten(rows: readonly OcSession[]): OcSession[] {
    return rows.filter((s) => s.updatedAt == null || this.seen.get(s.key) !== fingerprint(s));
  }

  // only rows from the list: a live update may lack what the list has (the cost)
  private markSeen(sessions: readonly OcSession[]) {
    for (const s of sessions) if (s.updatedAt != null) this.seen.set(s.key, fingerprint(s));
  }
}
