import 'server-only';
import { countActiveSessions, listCronJobs, spentToday, type GatewayRow, type Queryable } from '@agent-studio/database';
import { failingJobs } from './health';

/**
 * Each gateway of a fleet as the dashboard's fleet view shows it: its row (state, last seen, OpenClaw version),
 * its jobs failing, active agents (running sessions) and what it spent today (UTC). Each figure comes from the
 * query the dashboard filtered to that gateway shows it by, so the two always agree.
 */
export async function loadFleet(db: Queryable, gateways: GatewayRow[]) {
  return Promise.all(
    gateways.map(async (gateway) => {
      const [jobs, activeAgents, spent] = await Promise.all([
        listCronJobs(db, { gatewayId: gateway.id }),
        countActiveSessions(db, gateway.id),
        spentToday(db, gateway.id),
      ]);
      return { gateway, failing: failingJobs(jobs).length, activeAgents, spent };
    }),
  );
}

export type FleetRow = Awaited<ReturnType<typeof loadFleet>>[number];
