import 'server-only';
import { logLinesQuery, logSearchQuery } from '@agent-studio/core/api';
import {
  getAgentSession,
  getAgentSessionByKey,
  getCronJob,
  getCronRun,
  pageAgentLogs,
  searchAgentLogs,
  summarizeAgentLogs,
  type Db,
  type LogOwner,
} from '@agent-studio/database';
import { notFound, parseQuery } from '../http';
import { toLog } from './serialize';

/** A session's log, or 404. */
export async function sessionLogOwner(db: Db, id: string): Promise<LogOwner> {
  if (!(await getAgentSession(db, id))) throw notFound('Session');
  return { sessionId: id };
}

/**
 * A run's log: a host-cron run's own lines, or the transcript of the OpenClaw session it ran in (null while
 * that session is not known yet: no lines). 404 for no such run.
 */
export async function runLogOwner(db: Db, id: string): Promise<LogOwner | null> {
  const run = await getCronRun(db, id);
  if (!run) throw notFound('Run');
  if ((await getCronJob(db, run.job_id))?.source === 'host') return { runId: run.id };
  const session = run.session_key ? await getAgentSessionByKey(db, run.session_key, run.gateway_id) : null;
  return session ? { sessionId: session.id } : null;
}

/** GET …/logs/lines: one page, with the log's size and tools when it is the newest page. */
export async function logLinesResponse(request: Request, db: Db, owner: LogOwner | null): Promise<Response> {
  const q = parseQuery(logLinesQuery, request.url);
  const first = q.before === undefined && q.after === undefined && q.around === undefined;
  if (!owner)
    return Response.json({ lines: [], hasOlder: false, hasNewer: false, ...(first && { total: 0, tools: [] }) });
  const filter = { levels: q.level, tool: q.tool };
  // the newest page is numbered from the log's count, read first
  const summary = first ? await summarizeAgentLogs(db, owner) : undefined;
  const page = await pageAgentLogs(db, owner, {
    ...filter,
    before: q.before,
    after: q.after,
    around: q.around,
    limit: q.limit,
    total: summary?.total,
  });
  return Response.json({
    lines: page.rows.map((r) => ({ ...toLog(r), line: r.line })),
    hasOlder: page.hasOlder,
    hasNewer: page.hasNewer,
    ...summary,
  });
}

/** GET …/logs/search: matching lines, newest first, with a cursor to older ones. */
export async function logSearchResponse(request: Request, db: Db, owner: LogOwner | null): Promise<Response> {
  const q = parseQuery(logSearchQuery, request.url);
  if (!owner) return Response.json({ matches: [], nextCursor: null });
  const { matches, nextCursor } = await searchAgentLogs(db, owner, {
    q: q.q,
    before: q.before,
    limit: q.limit,
    levels: q.level,
    tool: q.tool,
  });
  return Response.json({
    matches: matches.map((m) => ({ ...m, timestamp: m.timestamp.toISOString() })),
    nextCursor,
  });
}
