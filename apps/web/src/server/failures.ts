import 'server-only';
import {
  failureSignature,
  type FailureAttempt,
  type FailureCategory,
  type FailureInput,
} from '@agent-studio/core/failures/categorize';
import {
  describeFailure,
  describeRunFailure,
  runFailureInput,
  type RunFailure,
} from '@agent-studio/core/failures/run-failure';
import { listFailedRuns, listFailedSessions } from '@agent-studio/database';
import { getDb } from './db';

/** One failure: a cron run that failed or timed out, or an agent session that ended in error. */
interface Failure {
  input: FailureInput;
  /** Its cause and fix, naming the run's provider, model and job where known. */
  reading: RunFailure;
  example: string | null;
  at: Date;
  /** The page that shows it. */
  href: string;
  job?: { id: string; name: string };
  agent?: { name: string; sessionId: string };
}

export interface FailureGroup {
  signature: string;
  category: FailureCategory;
  advice: string;
  example: string;
  /** For `All models failed`: each model's attempt and its own cause (the first decides the category). */
  attempts: FailureAttempt[];
  count: number;
  runs: number;
  sessions: number;
  firstSeen: Date;
  lastSeen: Date;
  jobs: { id: string; name: string }[];
  /** Each agent once, linked to its newest session in the group (the studio has no page per agent). */
  agents: { name: string; sessionId: string }[];
  /** The newest example's page: a run's or a session's. */
  latestHref: string;
}

export interface FailureReport {
  groups: FailureGroup[];
  runs: number;
  sessions: number;
}

/**
 * Failed runs and agent sessions of the last `days`, grouped by what failed (category + normalized signature),
 * most frequent first, on one gateway (`gatewayId`) or all. Cancelled runs and sessions are not failures.
 */
export async function loadFailureGroups(days = 30, gatewayId?: string): Promise<FailureReport> {
  const db = await getDb();
  const since = new Date(Date.now() - days * 86_400_000);
  const [runs, sessions] = await Promise.all([
    listFailedRuns(db, { since, gatewayId }),
    listFailedSessions(db, { since, gatewayId }),
  ]);
  const failures: Failure[] = [
    ...runs.map((r) => ({
      input: runFailureInput(r),
      reading: describeRunFailure(r, r.job_name)!,
      example: r.error ?? r.stderr,
      at: r.started_at,
      href: `/cron/runs/${r.id}`,
      job: { id: r.job_id, name: r.job_name },
    })),
    ...sessions.map((s) => ({
      input: { error: s.error, log: s.error_detail },
      reading: describeFailure({ error: s.error, log: s.error_detail }),
      example: s.error,
      at: s.ended_at,
      href: `/agents/${s.id}`,
      agent: { name: s.agent_name, sessionId: s.id },
    })),
  ].sort((a, b) => b.at.getTime() - a.at.getTime());

  const groups = new Map<string, FailureGroup>();
  for (const f of failures) {
    const { category, advice, attempts } = f.reading;
    const signature = failureSignature(f.input) || '(no error text)';
    const key = `${category}|${signature}`;
    let g = groups.get(key);
    if (!g) {
      // newest first: the first of a group is its latest example
      g = {
        signature,
        category,
        advice,
        example: f.example ?? '(no error text)',
        attempts,
        count: 0,
        runs: 0,
        sessions: 0,
        firstSeen: f.at,
        lastSeen: f.at,
        jobs: [],
        agents: [],
        latestHref: f.href,
      };
      groups.set(key, g);
    }
    g.count++;
    g.firstSeen = f.at;
    if (f.job) {
      g.runs++;
      if (!g.jobs.some((j) => j.id === f.job!.id)) g.jobs.push(f.job);
    }
    if (f.agent) {
      g.sessions++;
      if (!g.agents.some((a) => a.name === f.agent!.name)) g.agents.push(f.agent);
    }
  }
  return {
    groups: [...groups.values()].sort((a, b) => b.count - a.count || b.lastSeen.getTime() - a.lastSeen.getTime()),
    runs: runs.length,
    sessions: sessions.length,
  };
}
