// What the gateway says about agents as it happens: a run's lifecycle (start, end, abort, error), its tool calls,
// and sub-agent tasks.
import type { z } from 'zod';
import {
  getAgentSessionByKey,
  insertAgentLogs,
  upsertAgentSession,
  type AgentSessionStatus,
  type Db,
  type Queryable,
} from '@agent-studio/database';
import type { LiveMarks } from './live-order';
import { sessionId } from './rows';
import { agentEventSchema, taskEventSchema } from './schemas';

type AgentEvent = z.infer<typeof agentEventSchema>;

/** 2026.9.6 task statuses: queued, running, succeeded, failed, timed_out, cancelled, lost. */
const TASK_STATUS: Record<string, AgentSessionStatus> = {
  running: 'running',
  succeeded: 'completed',
  completed: 'completed',
  failed: 'error',
  error: 'error',
  timed_out: 'error',
  lost: 'error',
  cancelled: 'cancelled',
};

/** An `agent` (or `session.tool`) event: a lifecycle change of the session, or a tool call's log line. */
export async function onAgent(db: Db, gatewayId: string, live: LiveMarks, payload: unknown) {
  const a = agentEventSchema.parse(payload);
  live.touch(a.sessionKey);
  const at = new Date(a.ts ?? Date.now());
  const d = a.data;
  if (a.stream === 'lifecycle' && typeof d.phase === 'string') {
    // an operator's abort ends the run with `aborted` (phase 'end' or 'error'); a timeout is aborted too, but failed
    const cancelled = d.aborted === true && d.stopReason !== 'timeout';
    const status =
      d.phase === 'start'
        ? 'running'
        : cancelled
          ? 'cancelled'
          : d.phase === 'error'
            ? 'error'
            : d.phase === 'end'
              ? 'completed'
              : null;
    if (!status) {
      // 'finishing' and the like: a model call that failed and is tried again (a 429) says why
      await db.transaction(async (tx) => lifecycleError(tx, await sessionId(tx, gatewayId, a.sessionKey), a, at));
      return;
    }
    await db.transaction(async (tx) => {
      const current = await getAgentSessionByKey(tx, a.sessionKey, gatewayId);
      await sessionId(tx, gatewayId, a.sessionKey);
      const base = current ?? (await getAgentSessionByKey(tx, a.sessionKey, gatewayId))!;
      await upsertAgentSession(tx, {
        gatewayId,
        sessionKey: a.sessionKey,
        agentName: base.agent_name,
        agentType: base.agent_type as 'singleton',
        status,
        lastActivityAt: at,
        completedAt: status === 'running' ? null : at,
      });
      await lifecycleError(tx, base.id, a, at);
    });
    return;
  }
  if (a.stream === 'tool' && typeof d.toolCallId === 'string' && typeof d.name === 'string') {
    const result =
      d.phase === 'result' || d.phase === 'end' || d.phase === 'update'
        ? (d.result ?? d.output ?? d.partialResult)
        : undefined;
    const line = {
      externalId: `tool:${d.toolCallId}`,
      level: d.isError ? ('error' as const) : ('info' as const),
      message: `tool ${d.name}${d.phase === 'start' ? '' : ` (${String(d.phase)})`}`,
      timestamp: at,
      toolName: d.name,
      toolInput: d.args,
      toolOutput: result,
    };
    await db.transaction(async (tx) => insertAgentLogs(tx, await sessionId(tx, gatewayId, a.sessionKey), [line]));
  }
}

/** What the gateway says went wrong in a run (a provider error, a timeout, an abort) is a log line at error level. */
async function lifecycleError(tx: Queryable, sessionId: string, a: AgentEvent, at: Date) {
  const error = typeof a.data.error === 'string' ? a.data.error : null;
  if (!error) return;
  // an operator's stop is said, not an error
  const level = a.data.aborted === true && a.data.stopReason === 'aborted' ? ('warn' as const) : ('error' as const);
  const line = {
    externalId: `lifecycle:${a.runId ?? 'run'}:${a.seq ?? at.getTime()}`,
    level,
    message: `error: ${error}`.slice(0, 20_000),
    timestamp: at,
    metadata: { stream: 'lifecycle', phase: a.data.phase ?? null },
  };
  await insertAgentLogs(tx, sessionId, [line]);
}

/** A sub-agent task: its session, linked to the session that spawned it. */
export async function onTask(db: Db, gatewayId: string, live: LiveMarks, payload: unknown) {
  const { task } = taskEventSchema.parse(payload);
  if (task.kind !== 'subagent' || !task.childSessionKey) return;
  live.touch(task.childSessionKey);
  const status = TASK_STATUS[task.status ?? ''] ?? 'idle';
  await db.transaction(async (tx) => {
    await upsertAgentSession(tx, {
      gatewayId,
      sessionKey: task.childSessionKey!,
      agentName: task.title ?? 'sub-agent',
      agentType: 'subagent',
      status,
      parentSessionKey: task.ownerKey ?? task.sessionKey ?? null,
      spawnDepth: 1,
      startedAt: task.startedAt ? new Date(task.startedAt) : null,
      completedAt: task.endedAt ? new Date(task.endedAt) : null,
      progressMessage: task.terminalSummary ?? task.progressSummary ?? null,
      lastActivityAt: new Date(),
    });
  });
}
