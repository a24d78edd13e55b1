import { z } from 'zod';
import type { Queryable } from '../../db';
import { getCheckpoint } from '../../queries/checkpoints';
import { defineRule } from '../rule';

interface GatewayStatus {
  connected: boolean;
  since: string;
  error?: string | null;
}

/** The bridge has not reached the gateway for longer than the delay (the bridge's own record of it). */
export const gatewayUnreachable = defineRule({
  kind: 'gateway_unreachable',
  label: 'Gateway unreachable',
  description: 'The bridge has not reached the OpenClaw gateway for longer than the delay. Resolved when it is back.',
  params: z.object({ delayMinutes: z.number().min(0).max(1440).default(5) }),
  paramLabels: { delayMinutes: 'Unreachable for more than (minutes)' },
  aboutGateway: true,
  summary: () => 'OpenClaw gateway unreachable',
  async opensAt(db: Queryable, { delayMinutes }) {
    const status = await getCheckpoint<GatewayStatus>(db, 'gateway', 'status');
    return status && !status.connected ? new Date(new Date(status.since).getTime() + delayMinutes * 60_000) : null;
  },
  async findOpen(db: Queryable, { delayMinutes }, now) {
    const status = await getCheckpoint<GatewayStatus>(db, 'gateway', 'status');
    if (!status || status.connected) return [];
    const since = new Date(status.since);
    if (now.getTime() - since.getTime() < delayMinutes * 60_000) return [];
    return [
      {
        key: 'gateway',
        title: 'OpenClaw gateway',
        detail: `Unreachable since ${since.toISOString().slice(0, 19).replace('T', ' ')} UTC${status.error ? ` (${status.error})` : ''}.`,
      },
    ];
  },
});
