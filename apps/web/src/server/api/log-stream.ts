import 'server-only';
import { channelFor } from '@agent-studio/core';
import { logStreamQuery } from '@agent-studio/core/api';
import {
  getAgentSession,
  getAgentSessionByKey,
  getCronRun,
  listAgentLogs,
  type CronRunRow,
  type Db,
} from '@agent-studio/database';
import { subscribe } from '../live-hub';
import { parseQuery } from '../http';
import { lastEventId, sseResponse } from '../sse';
import { toLog } from './serialize';

const PAGE = 500;

interface LogSource {
  /** Channels whose events may mean new lines or the end. */
  channels: string[];
  /** Whose lines to send: a session (null while a run's session is not known yet), or a host-cron run itself. */
  owner: () => Promise<{ sessionId: string } | { runId: string } | null>;
  isOver: () => Promise<boolean>;
}

/**
 * A log as SSE: every stored line (oldest first) or those after `?after=` (a view that read the newest page
 * itself), then new ones as they arrive, then an `end` event and close once the run or session is over. Each
 * line's `seq` is its SSE id, so a client that reconnects with Last-Event-ID continues where it left off.
 */
function logStream(request: Request, db: Db, source: LogSource): Response {
  const resumeFrom = lastEventId(request) ?? parseQuery(logStreamQuery, request.url).after;
  return sseResponse(request, async (writer) => {
    let last = resumeFrom ?? '0';
    let chain: Promise<void> = Promise.resolve();
    let closed = false;
    const drain = async () => {
      if (closed) return;
      // asked first: lines written before the end are then all read below
      const over = await source.isOver();
      const owner = await source.owner();
      for (let more = owner !== null; more;) {
        const rows = await listAgentLogs(db, { ...owner, afterSeq: last, limit: PAGE });
        for (const r of rows) writer.send({ id: r.seq, event: 'log', data: toLog(r) });
        if (rows.length) last = rows.at(-1)!.seq;
        more = rows.length === PAGE;
      }
      if (over) {
        closed = true;
        writer.send({ event: 'end', data: { reason: 'finished' } });
        writer.close();
      }
    };
    const poke = () => {
      chain = chain.then(drain).catch((err) => {
        console.error('log stream: read failed', err);
        // ended rather than left open and silent: the client reconnects with Last-Event-ID and resumes
        closed = true;
        writer.send({ event: 'error', data: { message: 'Reading the log failed on the server; it has been logged.' } });
        writer.close();
      });
    };
    const unsubscribe = await subscribe(source.channels, null, poke);
    poke();
    return unsubscribe;
  });
}

export function sessionLogStream(request: Request, db: Db, sessionId: string): Response {
  return logStream(request, db, {
    channels: [channelFor.session(sessionId)],
    owner: async () => ({ sessionId }),
    isOver: async () => (await getAgentSession(db, sessionId))?.status !== 'running',
  });
}

/**
 * An OpenClaw run's log is the transcript of the session it ran in; a host-cron run (`agent-studio exec`) has
 * its own lines, the command's stdout and stderr.
 */
export function runLogStream(request: Request, db: Db, run: CronRunRow, ownLines: boolean): Response {
  let sessionId: string | null = null;
  return logStream(request, db, {
    channels: ownLines ? [channelFor.job(run.job_id)] : [channelFor.job(run.job_id), 'agents:all'],
    owner: async () => {
      if (ownLines) return { runId: run.id };
      if (!sessionId && run.session_key)
        sessionId = (await getAgentSessionByKey(db, run.session_key, run.gateway_id))?.id ?? null;
      return sessionId ? { sessionId } : null;
    },
    isOver: async () => {
      const now = await getCronRun(db, run.id);
      if (now && !run.session_key && now.session_key) run = now;
      return !now || now.status !== 'running';
    },
  });
}
