// Transcripts read back from the gateway after an outage (the studio's or the gateway's): the messages and
// tool calls of every session active since the last pass, so a session's log equals OpenClaw's `chat.history`
// whatever the studio missed. Lines are keyed by OpenClaw's ids: what live events already wrote is not doubled.
import type { AgentLogInput } from '@agent-studio/database';
import type { GatewayCalls } from '../commands/context';
import type { Logger } from '../logger';
import type { ChatLines } from './chat-lines';
import type { Step } from './live-order';
import { chatHistorySchema, chatMessageSchema } from './schemas';
import { cronRunKey, messageLine, type MessageLine } from './translate';

// the newest messages of a session read back (the gateway's own bound for one call is 1,000)
const HISTORY_LIMIT = 1000;

/**
 * Whether a history answer is of another run than the run key `key` (`agent:<a>:cron:<job>:run:<sessionId>`)
 * names; an answer that names no session cannot be told apart: taken.
 */
function ofOtherRun(key: string, sessionId: string | null | undefined): boolean {
  const run = cronRunKey(key)?.sessionId;
  return run != null && sessionId != null && sessionId !== run;
}

/** A tool call in an assistant message's content (2026.9.6: `{type:'toolCall', id, name, arguments}`). */
function toolCallLines(sessionKey: string, content: unknown, at: Date): MessageLine[] {
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => {
    const p = part as { type?: unknown; id?: unknown; name?: unknown; arguments?: unknown } | null;
    if (p?.type !== 'toolCall' || typeof p.id !== 'string' || typeof p.name !== 'string') return [];
    const line: AgentLogInput = {
      externalId: `tool:${p.id}`,
      level: 'info',
      message: `tool ${p.name}`,
      timestamp: at,
      toolName: p.name,
      toolInput: p.arguments,
    };
    return [{ key: sessionKey, line, usage: null }];
  });
}

/**
 * The log lines of one session's history: its messages and the tool calls they made. A tool's result (role
 * 'toolResult', which live arrives only as a `session.tool` event) completes its call's line, as live.
 */
export function historyLines(sessionKey: string, messages: readonly unknown[]): MessageLine[] {
  return messages.flatMap((raw) => {
    const m = chatMessageSchema.safeParse(raw);
    if (!m.success) return [];
    if (m.data.role === 'toolResult') {
      if (!m.data.toolCallId) return [];
      const name = m.data.toolName ?? 'tool';
      const at = new Date(m.data.timestamp ?? Date.now());
      const line: AgentLogInput = {
        externalId: `tool:${m.data.toolCallId}`,
        level: m.data.isError ? 'error' : 'info',
        message: `tool ${name} (result)`,
        timestamp: at,
        toolName: name,
        toolOutput: { content: m.data.content },
      };
      return [{ key: sessionKey, line, usage: null }];
    }
    const line = messageLine(sessionKey, m.data);
    if (!line) return [];
    // usage is counted from live lines only: the gateway's totals, read with the session, cover the rest
    return [{ ...line, usage: null }, ...toolCallLines(sessionKey, m.data.content, line.line.timestamp)];
  });
}

/**
 * Reads each session's history from the gateway and writes the lines not there yet, one session per step;
 * returns how many were missing.
 * `ask` is the key the gateway answers for, `key` the studio's. 2026.9.6 gives a cron run's transcript under its
 * job's key for the job's latest run, and under the run's own key only for a run that failed (an earlier ok
 * run's key answers no messages). An answer is taken only for the run it names, so lines never land in another
 * run's session: a job's key may answer a run that began after the list was read (whose lines come live).
 */
export async function backfillHistory(
  chat: ChatLines,
  gw: GatewayCalls,
  step: Step,
  sessions: readonly { ask: string; key: string }[],
  logger: Logger,
): Promise<number> {
  let written = 0;
  const read = (sessionKey: string) =>
    gw.request('chat.history', { sessionKey, limit: HISTORY_LIMIT }).then(
      (r) => chatHistorySchema.safeParse(r),
      (err: Error) => {
        // a session the gateway no longer has, or cannot read: the others are still read
        logger.warn(`gateway: the history of ${sessionKey} not read: ${err.message}`);
        return null;
      },
    );
  for (const { ask, key } of sessions) {
    let res = await read(ask);
    // the job's key answered a later run: the run the list named is asked under its own key
    if (ask !== key && res?.success && ofOtherRun(key, res.data.sessionId)) res = await read(key);
    if (!res?.success || ofOtherRun(key, res.data.sessionId)) continue;
    const lines = historyLines(key, res.data.messages);
    if (lines.length) written += await step(() => chat.writeHistory(lines));
  }
  return written;
}
