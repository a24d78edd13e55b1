import 'server-only';
import {
  countActiveSessions,
  cronSuccessRate,
  getCheckpoint,
  latestMetrics,
  listCronJobs,
  type CronJobRow,
} from '@agent-studio/database';
import { getDb } from './db';

/** The jobs that need the owner: enabled, and their last run failed (the dashboard's "Needs attention"). */
export const failingJobs = (jobs: CronJobRow[]) => jobs.filter((j) => j.last_status === 'failed' && j.enabled);

interface Presence {
  host: string | null;
  mode: string | null;
  version: string | null;
  platform: string | null;
  lastSeen: string | null;
}

interface GatewayState {
  connected: boolean;
  since: string;
  version: string | null;
  error: string | null;
}

/**
 * Seed §3 `/api/health`, plus when the gateway state last changed and why (for the health strip). With
 * `gatewayId` (the dashboard filtered to one gateway of a fleet): that gateway's state, runs, jobs and agents;
 * else the default gateway's state and every gateway's runs, jobs and agents. Disk use is this host's. `jobsRead`:
 * the same gateway's jobs, where the caller reads them anyway.
 */
export async function getHealth(gatewayId?: string, jobsRead?: Promise<CronJobRow[]>) {
  const db = await getDb();
  const [gateway, presence, rate, jobs, metrics, activeAgents] = await Promise.all([
    getCheckpoint<GatewayState>(db, 'gateway', 'status', gatewayId),
    getCheckpoint<{ instances: Presence[] }>(db, 'gateway', 'presence', gatewayId),
    cronSuccessRate(db, { since: new Date(Date.now() - 86_400_000), gatewayId }),
    jobsRead ?? listCronJobs(db, { gatewayId }),
    latestMetrics(db, ['disk.gtm', 'disk.workspace']),
    countActiveSessions(db, gatewayId),
  ]);
  return {
    gateway: gateway?.connected ? ('connected' as const) : ('disconnected' as const),
    gatewayDetail: {
      since: gateway?.since ?? null,
      version: gateway?.version ?? null,
      error: gateway?.error ?? null,
      presence: presence?.instances ?? [],
    },
    cronHealth: {
      last24hSuccessRate: rate.rate == null ? null : Math.round(rate.rate * 1000) / 10,
      runs24h: rate.total,
      failedJobs: failingJobs(jobs).map((j) => j.name),
    },
    diskUsage: { gtmDir: metrics['disk.gtm']?.value ?? null, workspaceDir: metrics['disk.workspace']?.value ?? null },
    activeAgents,
  };
}

export type Health = Awaited<ReturnType<typeof getHealth>>;
