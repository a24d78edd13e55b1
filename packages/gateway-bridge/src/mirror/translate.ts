// OpenClaw's records → the studio's rows (the seed's vocabulary). Pure functions, tested on recorded frames.
import type { AgentLogInput, AgentSessionInput, CronJobInput, CronRunInput } from '@agent-studio/database';
import type { OcCronJob, OcCronRun, OcSession } from './schemas';

export const SOURCE = 'openclaw';

const date = (ms: number | null | undefined) => (ms ? new Date(ms) : null);

function everyText(ms: number): string {
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm'], [1000, 's']];
  const [size, unit] = units.find(([u]) => ms % u === 0 && ms >= u) ?? [1, 'ms'];
  return `every ${ms / size}${unit}`;
}

export function toCronJobInput(job: OcCronJob): CronJobInput {
  const s = job.schedule;
  const schedule =
    s.kind === 'cron' ? (s.expr ?? '') : s.kind === 'every' ? everyText(s.everyMs ?? 0) : `at ${new Date(s.atMs ?? s.at ?? 0).toISOString()}`;
  const p = job.payload;
  return {
    source: SOURCE,
    externalId: job.id,
    name: job.name || job.id,
    description: job.description ?? null,
    schedule,
    timezone: s.tz ?? null,
    command: p.message ?? p.text ?? p.command ?? p.kind,
    enabled: job.enabled,
    agentId: job.agentId ?? null,
    scheduleKind: s.kind,
    scheduleSpec: s,
    payload: p,
    nextRunAt: date(job.state.nextRunAtMs ?? job.nextRunAtMs),
    consecutiveErrors: job.state.consecutiveErrors ?? 0,
  };
}

/** A run is keyed by its start time: OpenClaw's `started` event carries no run id, only `runAtMs`. */
export const runExternalId = (runAtMs: number) => String(runAtMs);

export function toCronRunInput(jobRowId: string, run: OcCronRun): CronRunInput {
  const finished = run.status != null;
  const status = !finished ? 'running' : run.status === 'ok' || run.status === 'skipped' ? 'completed' : /timed?\s*out|timeout/i.test(run.error ?? '') ? 'timeout' : 'failed';
  const u = run.usage;
  // the column is an integer; a gateway that reports fractions must not fail the whole reconcile
  const durationMs = run.durationMs != null ? Math.round(run.durationMs) : null;
  return {
    jobId: jobRowId,
    externalId: runExternalId(run.runAtMs),
    startedAt: new Date(run.runAtMs),
    finishedAt: finished ? new Date(durationMs != null ? run.runAtMs + durationMs : (run.ts ?? run.runAtMs)) : null,
    status,
    durationMs,
    triggerType: run.runId?.startsWith('manual:') ? 'manual' : undefined,
    sessionKey: run.sessionKey ?? null,
    summary: run.summary ?? (run.status === 'skipped' ? 'skipped' : null),
    error: run.error ?? null,
    model: run.model ?? null,
    provider: run.provider ?? null,
    tokenUsage: u ? { input: u.input_tokens ?? 0, output: u.output_tokens ?? 0, total: u.total_tokens ?? 0 } : undefined,
  };
}

/** `agent:<agentId>:cron:<jobId>[:run:<sessionId>]` → the job id. */
export const cronJobIdOfKey = (key: string) => /^agent:[^:]+:cron:([^:]+)/.exec(key)?.[1] ?? null;

/**
 * The key a session is mirrored under. 2026.9.6 lists a cron job's session under the job's own key
 * (`agent:main:cron:<jobId>`) carrying its latest run's `sessionId`: that is the run's session
 * (`…:run:<sessionId>`), not another one.
 */
export const mirroredSessionKey = (s: Pick<OcSession, 'key' | 'sessionId'>) => (/^agent:[^:]+:cron:[^:]+$/.test(s.key) && s.sessionId ? `${s.key}:run:${s.sessionId}` : s.key);

/**
 * A cron run's session as its `cron.runs` entry tells it: the gateway lists only the latest run's session,
 * so the runs that happened while the bridge was away get theirs from here (their transcript is not offered).
 */
export function runSessionInput(run: OcCronRun, jobName: string, cronJobRowId: string): AgentSessionInput | null {
  if (!run.sessionKey || run.status == null) return null;
  const r = toCronRunInput(cronJobRowId, run);
  return {
    sessionKey: run.sessionKey,
    agentName: `Automation: ${jobName}`,
    agentType: 'cron',
    status: r.status === 'completed' ? 'completed' : 'error',
    openclawSessionId: run.sessionId ?? null,
    startedAt: r.startedAt,
    lastActivityAt: r.finishedAt ?? r.startedAt,
    completedAt: r.finishedAt ?? r.startedAt,
    progressMessage: (r.summary ?? r.error)?.slice(0, 500) ?? null,
    tokenUsage: r.tokenUsage,
    model: r.model ?? null,
    provider: r.provider ?? null,
    cronJobId: cronJobRowId,
  };
}

export function agentTypeOf(s: Pick<OcSession, 'key' | 'classification' | 'spawnDepth' | 'childSessions'>): AgentSessionInput['agentType'] {
  if (s.classification === 'subagent' || (s.spawnDepth ?? 0) > 0 || s.key.includes(':subagent:')) return 'subagent';
  if (s.classification === 'cron' || s.key.includes(':cron:')) return 'cron';
  return s.childSessions?.length ? 'swarm' : 'singleton';
}

/**
 * 2026.9.6 session statuses: running, done, failed, killed, timeout (a run that timed out also has endedAt: not
 * 'completed'). A run stopped by an operator (the studio's Stop, OpenClaw's own /stop) is `abortedLastRun`:
 * cancelled, as OpenClaw itself calls it, not an error.
 */
function sessionStatus(s: OcSession): AgentSessionInput['status'] {
  if (s.hasActiveRun) return 'running';
  if (s.status === 'error' || s.status === 'failed' || s.status === 'timeout') return 'error';
  if (s.abortedLastRun || s.status === 'killed') return 'cancelled';
  return s.status === 'done' || s.endedAt ? 'completed' : 'idle';
}

export function toAgentSessionInput(s: OcSession, cronJobRowId: string | null): AgentSessionInput {
  const key = mirroredSessionKey(s);
  const status = sessionStatus(s);
  const cost = s.estimatedCostUsd ?? undefined;
  return {
    sessionKey: key,
    agentName: s.label ?? s.displayName ?? s.derivedTitle ?? s.key.split(':').slice(1, 2).join('') ?? s.key,
    agentType: agentTypeOf({ ...s, key }),
    status,
    agentId: s.agentId ?? null,
    openclawSessionId: s.sessionId ?? null,
    parentSessionKey: s.parentSessionKey ?? s.spawnedBy ?? null,
    spawnDepth: s.spawnDepth ?? 0,
    startedAt: date(s.createdAt),
    lastActivityAt: date(s.updatedAt),
    completedAt: status !== 'running' && status !== 'idle' ? date(s.endedAt ?? s.updatedAt) : null,
    progressMessage: s.lastMessagePreview ?? null,
    tokenUsage: s.inputTokens != null || s.outputTokens != null ? { input: s.inputTokens ?? 0, output: s.outputTokens ?? 0, total: s.totalTokens ?? 0, cost } : undefined,
    costUsd: cost ?? null,
    model: s.model ?? null,
    provider: s.modelProvider ?? null,
    cronJobId: cronJobRowId,
  };
}

/** Text of a chat message's content (a string, or parts of which the text ones count). */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p) => (p && typeof p === 'object' && 'text' in p ? String(p.text) : '')).join('');
  return '';
}

/** `injectedBy`: what injected a prompt into the session (OpenClaw's provenance, e.g. 'cron'). */
export function messageLog(id: string, role: string, content: unknown, at: number | null | undefined, injectedBy?: string): AgentLogInput {
  return {
    externalId: `msg:${id}`,
    level: role === 'assistant' ? 'info' : role === 'system' ? 'debug' : 'info',
    message: `${role}: ${messageText(content)}`.slice(0, 20_000),
    timestamp: new Date(at ?? Date.now()),
    metadata: injectedBy ? { role, injectedBy } : { role },
  };
}
