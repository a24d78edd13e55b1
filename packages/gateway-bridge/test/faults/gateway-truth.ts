// The soak test's verdict (issue 20): everything the studio holds about OpenClaw, compared with the gateway's
// own answers, as a list of differences in words (empty when the studio tells the truth). Call it once the
// gateway is quiet (no run in flight). Semantics, as a real 2026.9.6 gateway answers (seen in the lab):
//   - cron.runs pages all runs; a run's `usage` is the sum of its model calls ({input,output,total}_tokens);
//     a run interrupted by a gateway restart is `error` "cron: job interrupted by gateway restart" and has
//     no sessionKey.
//   - sessions.list pages (limit/offset, hasMore). A cron job's session is listed under the job's own key
//     (`agent:<a>:cron:<job>`) with its LATEST run's sessionId, tokens and cost: that row is the session
//     `…:run:<sessionId>` of the job's newest run. `totalTokens` there is the context size, not a sum.
//   - chat.history answers the transcript of a listed key; for a run key it answers only when it still has
//     that run's session (a failed run's), else no sessionId and no messages: "no transcript offered".
//   - message ids are `__openclaw.id`; an assistant message that ended in error has stopReason 'error'.
import type { Db } from '@agent-studio/database';
import type { GatewayCalls } from '../../src/commands/context';
import { abortedByOperator } from '../../src/mirror/translate';
import { gatewayRuns } from './mirror-check';

type Gw = Pick<GatewayCalls, 'request'>;

interface GwUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  cache_read_tokens?: number;
  cache_write_tokens?: number;
}
interface GwRun {
  jobId: string;
  jobName?: string;
  runAtMs: number;
  status?: string;
  error?: string;
  durationMs?: number;
  usage?: GwUsage | null;
  sessionKey?: string | null;
}
interface GwJob {
  id: string;
  name: string;
  enabled: boolean;
  nextRunAtMs?: number | null;
  state?: { nextRunAtMs?: number | null; consecutiveErrors?: number };
}
interface GwSession {
  key: string;
  sessionId?: string;
  hasActiveRun?: boolean;
  status?: string | null;
  parentSessionKey?: string | null;
  spawnedBy?: string | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  cacheRead?: number | null;
  cacheWrite?: number | null;
  estimatedCostUsd?: number | null;
  archived?: boolean;
}
interface GwMessage {
  role?: string;
  stopReason?: string;
  errorMessage?: string;
  isError?: boolean;
  toolCallId?: string;
  customType?: string;
  usage?: { cost?: { total?: number } };
  content?: unknown;
  __openclaw?: { id?: string };
}
interface GwHistory {
  sessionId?: string;
  messages?: GwMessage[];
  hasMore?: boolean;
}

/** A content file a run was scripted to write: the run is the job's first one started at or after `notBeforeMs`. */
export interface WrittenFile {
  path: string;
  jobId: string;
  notBeforeMs: number;
}

/** What the gateway says one session is. */
interface Expected {
  key: string;
  running: boolean;
  /** completed | error | cancelled, when the gateway says how it ended. */
  ended: string | null;
  endReason: string | null;
  parent: string | null;
  input: number;
  output: number;
  cache: number;
  cost: number | null;
  /** A run session: the run it ran. */
  run: GwRun | null;
  /** The key chat.history answers this session's transcript under (null: not offered). */
  historyKey: string | null;
  /** Archived in OpenClaw (null: its list does not say). */
  archived: boolean | null;
}

export interface Truth {
  differences: string[];
  /** What could not be compared (the gateway does not offer it), for the test's diagnostics. */
  notes: string[];
  counts: { jobs: number; runs: number; sessions: number; histories: number; files: number };
}

const BASE_CRON_KEY = /^agent:([^:]+):cron:([^:]+)$/;
const at = (ms: number | null | undefined) => (ms == null ? 'none' : new Date(ms).toISOString());
const n = (v: unknown) => (v == null || v === '' ? null : Number(v));
const ms = (v: unknown) => (v == null ? null : new Date(v as string | Date).getTime());
// no cost and a cost of $0 (a failed call's usage) say the same
const costEq = (a: number | null, b: number | null) => Math.abs((a ?? 0) - (b ?? 0)) < 1e-12;

async function allSessions(gw: Gw): Promise<GwSession[]> {
  const out: GwSession[] = [];
  for (let offset = 0; ;) {
    const page = await gw.request<{ sessions: GwSession[]; hasMore?: boolean; nextOffset?: number | null }>(
      'sessions.list',
      { limit: 200, offset, includeGlobal: true, archived: 'all', includeUnknown: true },
    );
    out.push(...page.sessions);
    if (!page.hasMore || !page.sessions.length) return out;
    offset = page.nextOffset ?? offset + page.sessions.length;
  }
}

/** The gateway's status word for a run → the studio's. */
function runStatusOk(gwStatus: string | undefined, error: string | undefined, studio: string): boolean {
  if (gwStatus === 'ok' || gwStatus === 'skipped') return studio === 'completed';
  // stopped by an operator or a budget: cancelled, not a failure (the gateway words it apart: abortedByOperator)
  if (gwStatus === 'error')
    return abortedByOperator({ error }) ? studio === 'cancelled' : studio === 'failed' || studio === 'timeout';
  return studio === 'running';
}

const endOfRun = (r: GwRun) =>
  r.status == null
    ? null
    : r.status === 'ok' || r.status === 'skipped'
      ? 'completed'
      : abortedByOperator(r)
        ? 'cancelled'
        : 'error';

function endOfSession(s: GwSession): string | null {
  if (s.hasActiveRun) return null;
  if (s.status === 'done') return 'completed';
  if (s.status === 'failed' || s.status === 'timeout' || s.status === 'error') return 'error';
  if (s.status === 'killed') return 'cancelled';
  return null;
}

/**
 * The gateway's answers against the studio's database; `files`: the content files the test had runs write;
 * `gatewayId`: in a fleet, the studio's rows of that gateway only (another gateway's rows are not this one's).
 */
export async function gatewayTruth(
  db: Db,
  gw: Gw,
  opts: { files?: readonly WrittenFile[]; gatewayId?: string } = {},
): Promise<Truth> {
  const differences: string[] = [];
  // every query below reads one gateway's rows when asked to: `$1` is its id
  const ofGateway = (alias: string) => (opts.gatewayId ? ` and ${alias}gateway_id = $1` : '');
  const gatewayParams = opts.gatewayId ? [opts.gatewayId] : [];
  const notes: string[] = [];
  const diff = (item: string, text: string) => differences.push(`[${item}] ${text}`);

  // ---- jobs
  const gwJobs = (await gw.request<{ jobs: GwJob[] }>('cron.list', { includeDisabled: true })).jobs ?? [];
  const jobRows = await db.query<{
    id: string;
    external_id: string;
    name: string;
    enabled: boolean;
    next_run_at: Date | null;
    consecutive_errors: number;
    removed_at: Date | null;
  }>(
    `select id, external_id, name, enabled, next_run_at, consecutive_errors, removed_at from cron_jobs where source = 'openclaw'${ofGateway('')}`,
    gatewayParams,
  );
  const jobByExternal = new Map(jobRows.map((j) => [j.external_id, j]));
  const jobName = new Map(gwJobs.map((j) => [j.id, j.name]));
  for (const j of gwJobs) {
    const row = jobByExternal.get(j.id);
    if (!row) {
      diff('jobs', `job "${j.name}" (${j.id}) is not in the studio`);
      continue;
    }
    if (row.removed_at) diff('jobs', `job "${j.name}" is shown as removed; the gateway has it`);
    if (row.name !== j.name) diff('jobs', `job ${j.id}: name "${row.name}", gateway "${j.name}"`);
    if (row.enabled !== j.enabled) diff('jobs', `job "${j.name}": enabled ${row.enabled}, gateway ${j.enabled}`);
    const next = j.state?.nextRunAtMs ?? j.nextRunAtMs ?? null;
    if (ms(row.next_run_at) !== next)
      diff('#7 next run', `job "${j.name}": next run ${at(ms(row.next_run_at))}, gateway nextRunAtMs ${at(next)}`);
    if (row.consecutive_errors !== (j.state?.consecutiveErrors ?? 0))
      diff(
        'jobs',
        `job "${j.name}": ${row.consecutive_errors} consecutive errors, gateway ${j.state?.consecutiveErrors ?? 0}`,
      );
  }
  for (const row of jobRows)
    if (!row.removed_at && !gwJobs.some((j) => j.id === row.external_id))
      diff('jobs', `job "${row.name}" (${row.external_id}) is in the studio, not in the gateway's cron.list`);

  // ---- runs
  const runs = await gatewayRuns<GwRun>(gw);
  const runRows = await db.query<{
    id: string;
    job_external: string;
    started_at: Date;
    status: string;
    duration_ms: number | null;
    error: string | null;
    token_usage: Record<string, unknown>;
    cost_usd: unknown;
    session_key: string | null;
  }>(
    `select r.id, j.external_id as job_external, r.started_at, r.status, r.duration_ms, r.error, r.token_usage, r.cost_usd, r.session_key
       from cron_runs r join cron_jobs j on j.id = r.job_id where j.source = 'openclaw'${ofGateway('r.')}`,
    gatewayParams,
  );
  const runKey = (jobId: string, startMs: number) => `${jobId}@${startMs}`;
  const runRowsByKey = new Map<string, typeof runRows>();
  for (const r of runRows) {
    const k = runKey(r.job_external, ms(r.started_at)!);
    runRowsByKey.set(k, [...(runRowsByKey.get(k) ?? []), r]);
  }
  const runName = (r: GwRun) => `run of "${r.jobName ?? jobName.get(r.jobId) ?? r.jobId}" at ${at(r.runAtMs)}`;
  const runRowOf = new Map<GwRun, (typeof runRows)[number]>();
  for (const r of runs) {
    const rows = runRowsByKey.get(runKey(r.jobId, r.runAtMs)) ?? [];
    if (rows.length !== 1) {
      diff('runs', `${runName(r)}: ${rows.length ? `${rows.length} rows` : 'missing'} in the studio`);
      if (!rows.length) continue;
    }
    const row = rows[0]!;
    runRowOf.set(r, row);
    if (!runStatusOk(r.status, r.error, row.status))
      diff(
        row.status === 'running' ? '#1 ghost running' : 'runs',
        `${runName(r)}: status ${row.status}, gateway ${r.status ?? 'running'}${r.error ? ` ("${r.error}")` : ''}`,
      );
    if ((row.error ?? null) !== (r.error ?? null))
      diff('runs', `${runName(r)}: error ${JSON.stringify(row.error)}, gateway ${JSON.stringify(r.error ?? null)}`);
    const duration = r.durationMs == null ? null : Math.round(r.durationMs);
    if (row.duration_ms !== duration)
      diff('runs', `${runName(r)}: duration ${row.duration_ms} ms, gateway ${duration} ms`);
    const u = r.usage ?? {};
    const want = {
      input: u.input_tokens ?? 0,
      output: u.output_tokens ?? 0,
      total: (u.input_tokens ?? 0) + (u.output_tokens ?? 0) + (u.cache_read_tokens ?? 0) + (u.cache_write_tokens ?? 0),
    };
    const got = {
      input: n(row.token_usage.input) ?? 0,
      output: n(row.token_usage.output) ?? 0,
      total: n(row.token_usage.total) ?? 0,
    };
    if (got.input !== want.input || got.output !== want.output || got.total !== want.total)
      diff('#4 tokens', `${runName(r)}: tokens ${JSON.stringify(got)}, gateway ${JSON.stringify(want)}`);
  }
  const gwRunKeys = new Set(runs.map((r) => runKey(r.jobId, r.runAtMs)));
  for (const [k, rows] of runRowsByKey)
    if (!gwRunKeys.has(k))
      diff(
        'runs',
        `the studio has ${rows.length} run(s) ${k} (status ${rows.map((r) => r.status).join(', ')}) that cron.runs does not list`,
      );

  // ---- sessions: every one sessions.list has (all pages), and each run's own
  const listed = await allSessions(gw);
  const expected = new Map<string, Expected>();
  const latestRun = (jobId: string) =>
    runs.filter((r) => r.jobId === jobId).sort((a, b) => b.runAtMs - a.runAtMs)[0] ?? null;
  for (const s of listed) {
    const base = BASE_CRON_KEY.exec(s.key);
    let key = s.key;
    let run: GwRun | null = null;
    if (base) {
      if (!s.sessionId) continue; // a job that never ran
      key = `${s.key}:run:${s.sessionId}`;
      run = latestRun(base[2]!);
      if (run?.sessionKey && run.sessionKey !== key) {
        notes.push(
          `${s.key} lists session ${s.sessionId}, but the job's latest run says ${run.sessionKey}: not compared as that run's`,
        );
        run = null;
      }
    }
    const ended = run ? endOfRun(run) : endOfSession(s);
    expected.set(key, {
      key,
      running: s.hasActiveRun === true,
      ended: s.hasActiveRun ? null : ended,
      endReason: run?.error ?? null,
      parent: s.parentSessionKey ?? s.spawnedBy ?? null,
      input: s.inputTokens ?? 0,
      output: s.outputTokens ?? 0,
      cache: (s.cacheRead ?? 0) + (s.cacheWrite ?? 0),
      cost: s.estimatedCostUsd ?? null,
      run,
      historyKey: s.key,
      archived: s.archived ?? null,
    });
  }
  for (const r of runs) {
    if (!r.sessionKey || expected.has(r.sessionKey)) continue;
    expected.set(r.sessionKey, {
      key: r.sessionKey,
      running: r.status == null,
      ended: endOfRun(r),
      endReason: r.error ?? null,
      parent: null,
      input: r.usage?.input_tokens ?? 0,
      output: r.usage?.output_tokens ?? 0,
      cache: (r.usage?.cache_read_tokens ?? 0) + (r.usage?.cache_write_tokens ?? 0),
      cost: null, // priced below from the transcript, when the gateway offers it
      run: r,
      historyKey: r.sessionKey,
      archived: null,
    });
  }

  // transcripts, as the gateway offers them
  const histories = new Map<string, GwMessage[]>();
  for (const e of expected.values()) {
    const sid = /:run:([^:]+)$/.exec(e.key)?.[1] ?? null;
    const h = await gw.request<GwHistory>('chat.history', { sessionKey: e.historyKey, limit: 1000 }).catch(() => null);
    if (!h || (sid && h.sessionId !== sid) || (!sid && !h.sessionId)) {
      notes.push(`${e.key}: the gateway offers no transcript; its log lines are not compared`);
      continue;
    }
    if (h.hasMore) notes.push(`${e.key}: the transcript has more than 1000 messages; the first 1000 compared`);
    const messages = h.messages ?? [];
    histories.set(e.key, messages);
    if (e.cost == null) {
      const costs = messages.flatMap((m) => (m.usage?.cost?.total != null ? [m.usage.cost.total] : []));
      if (costs.length) e.cost = costs.reduce((a, b) => a + b, 0);
    }
  }

  const sessionRows = await db.query<{
    id: string;
    session_key: string;
    status: string;
    parent_session_key: string | null;
    parent_session_id: string | null;
    token_usage: Record<string, unknown>;
    cost_usd: unknown;
    started_at: Date;
    source: string;
    continued_by: string | null;
    removed_at: Date | null;
    archived_at: Date | null;
  }>(
    `select id, session_key, status, parent_session_key, parent_session_id, token_usage, cost_usd, started_at, source, continued_by, removed_at, archived_at from agent_sessions where true${ofGateway('')}`,
    gatewayParams,
  );
  const rowByKey = new Map(sessionRows.map((s) => [s.session_key, s]));
  for (const e of expected.values()) {
    const row = rowByKey.get(e.key);
    if (!row) {
      diff(listed.length > 500 ? '#12 sessions past 500' : 'sessions', `session ${e.key} is not in the studio`);
      continue;
    }
    const running = row.status === 'running';
    if (running !== e.running) {
      diff(
        running ? '#1 ghost running' : 'sessions',
        `session ${e.key}: studio ${row.status}, gateway hasActiveRun ${e.running}${e.ended ? ` (ended ${e.ended}${e.endReason ? `: "${e.endReason}"` : ''})` : ''}`,
      );
    } else if (!e.running && e.ended && row.status !== e.ended) {
      diff(
        '#1 end state',
        `session ${e.key}: studio ${row.status}, gateway ended ${e.ended}${e.endReason ? ` ("${e.endReason}")` : ''}`,
      );
    }
    if (e.archived !== null && (row.archived_at !== null) !== e.archived)
      diff(
        'sessions',
        `session ${e.key}: ${e.archived ? 'archived in OpenClaw, not' : 'shown as archived, not'} in the studio`,
      );
    if ((row.parent_session_key ?? null) !== e.parent)
      diff('sessions', `session ${e.key}: parent ${row.parent_session_key ?? 'none'}, gateway ${e.parent ?? 'none'}`);
    if (e.parent && row.parent_session_id !== (rowByKey.get(e.parent)?.id ?? '(no row)'))
      diff('sessions', `session ${e.key}: not linked to its parent's row ${e.parent}`);
    const got = {
      input: n(row.token_usage.input) ?? 0,
      output: n(row.token_usage.output) ?? 0,
      total: n(row.token_usage.total) ?? 0,
    };
    const want = { input: e.input, output: e.output, total: e.input + e.output + e.cache };
    if (got.input !== want.input || got.output !== want.output || got.total !== want.total)
      diff('#4 tokens', `session ${e.key}: tokens ${JSON.stringify(got)}, gateway ${JSON.stringify(want)}`);
    if (e.cost != null && !costEq(n(row.cost_usd), e.cost))
      diff('#4 cost', `session ${e.key}: cost $${n(row.cost_usd)}, gateway $${e.cost}`);
    if (e.run && ms(row.started_at) !== e.run.runAtMs)
      diff('#5 start', `session ${e.key}: started ${at(ms(row.started_at))}, its run started ${at(e.run.runAtMs)}`);
    if (e.run) {
      const runRow = runRowOf.get(e.run);
      if (runRow && e.cost != null && !costEq(n(runRow.cost_usd), e.cost))
        diff('#4 cost', `${runName(e.run)}: cost $${n(runRow.cost_usd)}, its session's (gateway) $${e.cost}`);
    }
  }
  for (const row of sessionRows)
    // a conversation before a reset, a session the gateway deleted: the studio's own records
    if (row.source === 'openclaw' && !row.continued_by && !row.removed_at && !expected.has(row.session_key))
      diff('sessions', `the studio has session ${row.session_key} (${row.status}) that the gateway does not list`);

  // ---- log lines: one per message of the gateway's history, by id; a tool's result (which OpenClaw streams as a
  // `session.tool` event, never as a message) is its call's line `tool:<toolCallId>`, with the output; what the
  // gateway marks as an error (a failed model call, a tool result isError, a turn that ended before a reply) at level error
  for (const [key, messages] of histories) {
    const row = rowByKey.get(key);
    if (!row) continue;
    const lines = await db.query<{ external_id: string; level: string; has_output: boolean }>(
      `select external_id, level, tool_output is not null as has_output from agent_logs where session_id = $1 and (external_id like 'msg:%' or external_id like 'tool:%')`,
      [row.id],
    );
    const have = new Map(lines.map((l) => [l.external_id, l]));
    const lineOf = (m: GwMessage) =>
      m.role === 'toolResult'
        ? m.toolCallId
          ? `tool:${m.toolCallId}`
          : null
        : m.__openclaw?.id
          ? `msg:${m.__openclaw.id}`
          : null;
    const wanted = messages.flatMap((m) => {
      const id = lineOf(m);
      return id ? [id] : [];
    });
    const missing = wanted.filter((id) => !have.has(id) || (id.startsWith('tool:') && !have.get(id)!.has_output));
    const extra = lines.filter((l) => l.external_id.startsWith('msg:') && !wanted.includes(l.external_id));
    const msgLines = lines.filter((l) => l.external_id.startsWith('msg:')).length;
    if (missing.length || extra.length)
      diff(
        '#2 logs',
        `session ${key}: ${msgLines} message lines, gateway history ${wanted.length} (tool results as their call's line)${missing.length ? `; missing ${missing.join(', ')}` : ''}${extra.length ? `; ${extra.length} not in the history` : ''}`,
      );
    for (const m of messages) {
      const id = lineOf(m);
      const isError =
        m.stopReason === 'error' ||
        Boolean(m.errorMessage) ||
        (m.role === 'toolResult' && m.isError === true) ||
        m.customType === 'run-failed-before-reply';
      const level = id ? have.get(id)?.level : undefined;
      if (id && level && (level === 'error') !== isError)
        diff(
          '#8 log levels',
          `session ${key}: the ${m.role} ${id} the gateway marks as ${isError ? 'an error' : 'no error'} is stored at level ${level}`,
        );
    }
  }

  // ---- content files: each linked to the run that wrote it and that run's session
  for (const f of opts.files ?? []) {
    const run = runs
      .filter((r) => r.jobId === f.jobId && r.runAtMs >= f.notBeforeMs)
      .sort((a, b) => a.runAtMs - b.runAtMs)[0];
    if (!run) {
      diff(
        '#3 content',
        `${f.path}: the gateway lists no run of job ${jobName.get(f.jobId) ?? f.jobId} after ${at(f.notBeforeMs)}`,
      );
      continue;
    }
    const sessionKey = run.sessionKey ?? [...expected.values()].find((e) => e.run === run)?.key ?? null;
    const messages = sessionKey ? histories.get(sessionKey) : undefined;
    if (messages && !JSON.stringify(messages).includes(f.path.split('/').slice(-2).join('/')))
      notes.push(`${f.path}: the transcript of ${sessionKey} does not name it`);
    const [out] = await db.query<{ source_run_id: string | null; source_session_id: string | null }>(
      `select source_run_id, source_session_id from gtm_outputs where source_file_path = $${gatewayParams.length + 1}${ofGateway('')}`,
      [...gatewayParams, f.path],
    );
    if (!out) {
      diff('#3 content', `${f.path}: not in the studio's content`);
      continue;
    }
    const runRow = runRowOf.get(run);
    const sessionRow = sessionKey ? rowByKey.get(sessionKey) : undefined;
    if (!runRow || out.source_run_id !== runRow.id)
      diff(
        '#3 content',
        `${f.path}: ${out.source_run_id ? 'linked to another run' : 'no run link'}; written by the ${runName(run)}`,
      );
    if (!sessionRow || out.source_session_id !== sessionRow.id)
      diff(
        '#3 content',
        `${f.path}: ${out.source_session_id ? 'linked to another session' : 'no session link'}; written in session ${sessionKey ?? '(unknown to the gateway)'}`,
      );
  }

  return {
    differences,
    notes,
    counts: {
      jobs: gwJobs.length,
      runs: runs.length,
      sessions: expected.size,
      histories: histories.size,
      files: opts.files?.length ?? 0,
    },
  };
}
