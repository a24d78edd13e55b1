import 'server-only';
import {
  listAgentSessions,
  listCronJobs,
  listCronRuns,
  listGtmOutputs,
  listMissedRuns,
  listOpenclawChannels,
  listRecentEvents,
  listSuspiciousRuns,
  spentToday,
  type GatewayRow,
  type MissedRunRow,
} from '@agent-studio/database';
import { countLabel } from '@/lib/count-label';
import { nextRunOf } from '@/lib/schedule';
import { getDb } from './db';
import { loadFleet } from './fleet';
import { failingJobs, getHealth } from './health';
import { inboxCounts } from './inbox';

const FEED_TYPES = [
  'cron.run.completed',
  'agent.session.created',
  'gtm.output.created',
  'gtm.output.status_changed',
  'gateway.status',
  'cron.job.removed',
];

/**
 * Everything the dashboard shows, read in one go for the first paint: one gateway's jobs, runs, sessions and
 * content (`gatewayId`), or all of them. The event feed is the studio's, not a gateway's. With `fleet` (the
 * gateways, where there are several): what was spent today (the gateway's or the fleet's), and with no gateway
 * chosen each gateway's row of the fleet view.
 */
export async function loadDashboard(gatewayId?: string, fleet?: GatewayRow[]) {
  const db = await getDb();
  const dayAgo = new Date(Date.now() - 86_400_000);
  // read once: the health strip, the lists and the fleet view count from the same jobs
  const jobsRead = listCronJobs(db, { gatewayId });
  const [health, jobs, running, sessions, review, feed, allMissed, allSuspicious, spent, gateways, inbox, channels] =
    await Promise.all([
      getHealth(gatewayId, jobsRead),
      jobsRead,
      listCronRuns(db, { status: 'running', limit: 20, gatewayId }),
      listAgentSessions(db, { status: 'running', limit: 20, gatewayId }),
      listGtmOutputs(db, { status: 'pending_review', limit: 5, gatewayId }),
      listRecentEvents(db, { types: FEED_TYPES, limit: 12 }),
      // only what still needs the owner: a finding ends when a later run of its job succeeds
      listMissedRuns(db, { from: dayAgo, open: true }),
      listSuspiciousRuns(db, { since: dayAgo, open: true, limit: 5 }),
      fleet ? spentToday(db, gatewayId) : null,
      fleet && !gatewayId ? jobsRead.then((all) => loadFleet(db, fleet, all)) : null,
      // failures a later success ended and approvals still wait in the inbox: Needs attention points there
      inboxCounts(gatewayId),
      listOpenclawChannels(db, gatewayId),
    ]);
  const jobsById = new Map(jobs.map((j) => [j.id, j]));
  // the watchdog's findings are a job's: the gateway's jobs' only
  const missed = gatewayId ? allMissed.filter((m) => jobsById.has(m.job_id)) : allMissed;
  const suspicious = gatewayId ? allSuspicious.filter((r) => jobsById.has(r.job_id)) : allSuspicious;
  const now = new Date();
  return {
    now: now.getTime(),
    health,
    spent,
    gateways,
    failing: failingJobs(jobs),
    inbox,
    channels,
    missed: missedByJob(missed),
    suspicious,
    runningRuns: running.rows.map((r) => ({ ...r, job_name: jobsById.get(r.job_id)?.name ?? 'Unknown job' })),
    runningSessions: sessions.rows.filter((s) => s.agent_type !== 'cron'),
    nextRuns: jobs
      .map((j) => ({ ...j, nextRun: nextRunOf(j, now) }))
      .filter((j): j is typeof j & { nextRun: Date } => j.nextRun !== null)
      .sort((a, b) => a.nextRun.getTime() - b.nextRun.getTime())
      .slice(0, 6),
    review: review.rows,
    reviewTotal: review.total ? countLabel(review.total, review.totalKind) : null,
    feed: feed.map((e) => ({
      ...e,
      jobName: 'jobId' in e.payload && e.payload.jobId ? jobsById.get(e.payload.jobId)?.name : undefined,
      // in a fleet, which gateway came or went
      gatewayName:
        e.type === 'gateway.status' && e.payload.gatewayId
          ? fleet?.find((g) => g.id === e.payload.gatewayId)?.name
          : undefined,
    })),
  };
}

/**
 * The watchdog's open missed runs (newest first), one entry per job: how many, and the last one expected. Named
 * like the rows beside it on the page (snake_case); only the event feed, which carries events, is camelCase.
 */
function missedByJob(missed: (MissedRunRow & { job_name: string })[]) {
  const byJob = new Map<string, { job_id: string; job_name: string; count: number; last_expected_at: Date }>();
  for (const m of missed) {
    const seen = byJob.get(m.job_id);
    if (seen) seen.count++;
    else byJob.set(m.job_id, { job_id: m.job_id, job_name: m.job_name, count: 1, last_expected_at: m.expected_at });
  }
  return [...byJob.values()];
}

export type Dashboard = Awaited<ReturnType<typeof loadDashboard>>;
