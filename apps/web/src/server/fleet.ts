import 'server-only';
import {
  countActiveSessions,
  spentToday,
  type CronJobRow,
  type GatewayRow,
  type Queryable,
} from '@agent-studio/database';
import { failingJobs } from './health';

/**
 * Each gateway of a fleet as the dashboard's fleet view shows it: its row (state, last seen, OpenClaw version),
 * its jobs failing, active agents (running sessions) and what it spent today (UTC). Each figure comes from the
 * query the dashboard filtered to that gateway shows it by, so the two always agree. `jobs`: every gateway's jobs
 * (the dashboard has read them).
 */
export async function loadFleet(db: Queryable, gateways: GatewayRow[], jobs: CronJobRow[]) {
  return Promise.all(
    gateways.map(async (gateway) => {
      const [activeAgents, spent] = await Promise.all([
        countActiveSessions(db, gateway.id),
        spentToday(db, gateway.id),
      ]);
      const failing = failingJobs(jobs.filter((j) => j.gateway_id === gateway.id)).length;
      return { gateway, failing, activeAgents, spent };
    }),
  );
}

export type FleetRow = Awaited<ReturnType<typeof loadFleet>>[number];
