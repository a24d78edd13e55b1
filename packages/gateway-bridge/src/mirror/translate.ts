// OpenClaw's records → the studio's rows (the seed's vocabulary). Pure functions, tested on recorded frames.
import type {
  AgentLogInput,
  AgentSessionInput,
  CronJobInput,
  CronRunInput,
  SessionArchive,
} from '@agent-studio/database';
import type { z } from 'zod';
import type { chatMessageSchema, OcCronJob, OcCronRun, OcSession } from './schemas';

export const SOURCE = 'openclaw';

const date = (ms: number | null | undefined) => (ms ? new Date(ms) : null);

function everyText(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  const [size, unit] = units.find(([u]) => ms % u === 0 && ms >= u) ?? [1, 'ms'];
  return `every ${ms / size}${unit}`;
}

export function toCronJobInput(job: OcCronJob): CronJobInput {
  const s = job.schedule;
  const schedule =
    s.kind === 'cron'
      ? (s.expr ?? '')
      : s.kind === 'every'
        ? everyText(s.everyMs ?? 0)
        : `at ${new Date(s.atMs ?? s.at ?? 0).toISOString()}`;
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

const timedOut = (run: OcCronRun) => run.errorReason === 'timeout' || /timed?\s*out|timeout/i.test(run.error ?? '');
/**
 * Stopped by an operator (the studio's Cancel, a budget, OpenClaw's own /stop, the job paused or removed while it
 * ran): 2026.9.6 records it as an error with no errorReason, "agent run aborted | OPENCLAW_DIRECT_ABORT" or "Cron
 * job disabled by operator." (seen when a budget aborts and pauses at once); only the text tells it from a
 * failure. "agent run aborted for restart" is a gateway restart: a failure.
 */
export const abortedByOperator = (run: Pick<OcCronRun, 'error'>) =>
  /OPENCLAW_DIRECT_ABORT|^agent run aborted(?! for restart)\b|^Cron job (disabled|removed) by operator\./.test(
    run.error ?? '',
  );

/** A run is keyed by its start time: OpenClaw's `started` event carries no run id, only `runAtMs`. */
export const runExternalId = (runAtMs: number) => String(runAtMs);

export function toCronRunInput(jobRowId: string, run: OcCronRun): CronRunInput {
  const finished = run.status != null;
  const status = !finished
    ? 'running'
    : run.status === 'ok' || run.status === 'skipped'
      ? 'completed'
      : timedOut(run)
        ? 'timeout'
        : abortedByOperator(run)
          ? 'cancelled'
          : 'failed';
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
    tokenUsage: run.usage
      ? tokenUsage({
          input: run.usage.input_tokens,
          output: run.usage.output_tokens,
          cacheRead: run.usage.cache_read_tokens,
          cacheWrite: run.usage.cache_write_tokens,
        })
      : undefined,
  };
}

export type TokenUsage = {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
  context?: number;
};

/**
 * The one definition of a token count, for runs, sessions and messages alike: input, output, cache read and
 * cache write, and `total` their sum. OpenClaw's session `totalTokens` is the context size of the last call
 * (the prompt), not a sum: it is kept apart as `context`.
 */
export function tokenUsage(u: {
  input?: number | null;
  output?: number | null;
  cacheRead?: number | null;
  cacheWrite?: number | null;
  context?: number | null;
}): TokenUsage {
  const [input, output, cacheRead, cacheWrite] = [u.input ?? 0, u.output ?? 0, u.cacheRead ?? 0, u.cacheWrite ?? 0];
  return {
    input,
    output,
    cacheRead,
    cacheWrite,
    total: input + output + cacheRead + cacheWrite,
    ...(u.context != null ? { context: u.context } : {}),
  };
}

/** A cron run's own key `agent:<a>:cron:<job>:run:<sessionId>` → its job's key and the run's session; else null. */
export function cronRunKey(key: string): { jobKey: string; sessionId: string } | null {
  const m = /^(agent:[^:]+:cron:[^:]+):run:([^:]+)$/.exec(key);
  return m ? { jobKey: m[1]!, sessionId: m[2]! } : null;
}

/** `agent:<agentId>:cron:<jobId>[:run:<sessionId>]` → the job id. */
export const cronJobIdOfKey = (key: string) => /^agent:[^:]+:cron:([^:]+)/.exec(key)?.[1] ?? null;

/**
 * The key a session is mirrored under. 2026.9.6 lists a cron job's session under the job's own key
 * (`agent:main:cron:<jobId>`) carrying its latest run's `sessionId`: that is the run's session
 * (`…:run:<sessionId>`), not another one.
 */
export const mirroredSessionKey = (s: Pick<OcSession, 'key' | 'sessionId'>) =>
  /^agent:[^:]+:cron:[^:]+$/.test(s.key) && s.sessionId ? `${s.key}:run:${s.sessionId}` : s.key;

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
    status: r.status === 'completed' ? 'completed' : r.status === 'cancelled' ? 'cancelled' : 'error',
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

export function agentTypeOf(
  s: Pick<OcSession, 'key' | 'classification' | 'spawnDepth' | 'childSessions'>,
): AgentSessionInput['agentType'] {
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
  // a job's own row is created with the job's first run: its latest run began at `startedAt`, not then
  const startedAt = key !== s.key ? date(s.startedAt) : date(s.createdAt);
  return {
    sessionKey: key,
    agentName: s.label ?? s.displayName ?? s.derivedTitle ?? s.key.split(':').slice(1, 2).join('') ?? s.key,
    agentType: agentTypeOf({ ...s, key }),
    status,
    agentId: s.agentId ?? null,
    openclawSessionId: s.sessionId ?? null,
    parentSessionKey: s.parentSessionKey ?? s.spawnedBy ?? null,
    spawnDepth: s.spawnDepth ?? 0,
    startedAt,
    lastActivityAt: date(s.updatedAt),
    completedAt: status !== 'running' && status !== 'idle' ? date(s.endedAt ?? s.updatedAt) : null,
    progressMessage: s.lastMessagePreview ?? null,
    // `source: 'gateway'`: the session's own totals, which live message usage must no longer add to
    tokenUsage:
      s.inputTokens != null || s.outputTokens != null
        ? {
            ...tokenUsage({
              input: s.inputTokens,
              output: s.outputTokens,
              cacheRead: s.cacheRead,
              cacheWrite: s.cacheWrite,
              context: s.totalTokens,
            }),
            cost,
            source: 'gateway',
          }
        : undefined,
    costUsd: cost ?? null,
    model: s.model ?? null,
    provider: s.modelProvider ?? null,
    cronJobId: cronJobRowId,
  };
}

/**
 * The archive state a listed row tells: archived (since `archivedAt`, else its last update: an archive bumps it),
 * not archived, or undefined from a gateway whose rows do not say (before 2026.9.6).
 */
export function archiveOf(s: OcSession): SessionArchive | undefined {
  if (s.archived == null) return undefined;
  return s.archived ? { at: date(s.archivedAt ?? s.updatedAt) ?? new Date(), reason: s.archiveReason ?? null } : null;
}

/** Text of a chat message's content (a string, or parts of which the text ones count). */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content))
    return content.map((p) => (p && typeof p === 'object' && 'text' in p ? String(p.text) : '')).join('');
  return '';
}

/** A chat message's log line, the session it belongs to, and the model usage it reports (an assistant message). */
export interface MessageLine {
  key: string;
  line: AgentLogInput;
  usage: { input: number; output: number; total: number; costUsd: number | null } | null;
}

/** What a chat message (a `session.message` event's, or one of `chat.history`) says, as the mirror reads it. */
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/**
 * A chat message's log line (null without an id: the id is what makes a live line and its history copy one).
 * Levels come from what the gateway says: a model call that ended in error (`stopReason: 'error'`, its
 * `errorMessage`: a 429, a context overflow) and a tool result marked `isError` are errors.
 */
export function messageLine(sessionKey: string, m: ChatMessage, messageId?: string | null): MessageLine | null {
  const id = messageId ?? m.__openclaw?.id;
  if (!id) return null;
  // A prompt OpenClaw injects (a cron job's message, a sub-agent hand-off) arrives as role 'assistant'
  // ("Forwarded from <job>") with provenance internal_system; the transcript stores it as the user turn.
  // It is the run's input, not the agent's words.
  const injected = m.provenance?.kind === 'internal_system';
  const role = injected ? 'user' : m.role;
  // a turn that ended before the model replied (a 429 retried until the timeout) leaves a 'custom' message
  const failed =
    (m.role === 'assistant' && (m.stopReason === 'error' || Boolean(m.errorMessage))) ||
    m.isError === true ||
    m.customType === 'run-failed-before-reply';
  const text = [messageText(m.content), m.role === 'assistant' ? m.errorMessage : null].filter(Boolean).join(' ');
  const base = messageLog(id, role, text, m.timestamp, injected ? (m.provenance?.sourceTool ?? 'system') : undefined);
  const u = m.usage;
  const usage = u
    ? {
        ...pick(tokenUsage({ input: u.input, output: u.output, cacheRead: u.cacheRead, cacheWrite: u.cacheWrite })),
        costUsd: u.cost?.total ?? null,
      }
    : null;
  const line: AgentLogInput = {
    ...base,
    level: failed ? 'error' : base.level,
    metadata: {
      ...base.metadata,
      ...(m.toolName ? { toolName: m.toolName } : {}),
      // what the call cost stays with its line: a conversation split off at a reset is priced from its lines
      ...(usage ? { usage } : {}),
      ...(m.__openclaw?.kind === 'reset' ? { reset: true } : {}),
    },
  };
  return { key: sessionKey, line, usage };
}

const pick = ({ input, output, total }: TokenUsage) => ({ input, output, total });

/** `injectedBy`: what injected a prompt into the session (OpenClaw's provenance, e.g. 'cron'). */
export function messageLog(
  id: string,
  role: string,
  content: unknown,
  at: number | null | undefined,
  injectedBy?: string,
): AgentLogInput {
  return {
    externalId: `msg:${id}`,
    level: role === 'system' ? 'debug' : 'info',
    message: `${role}: ${messageText(content)}`.slice(0, 20_000),
    timestamp: new Date(at ?? Date.now()),
    metadata: injectedBy ? { role, injectedBy } : { role },
  };
}
