import { z } from 'zod';
import type { Queryable } from '../../db';
import { DEFAULT_GATEWAY_ID } from '../../queries/gateways';
import { countTitle, defineRule } from '../rule';

interface GatewayStatus {
  connected: boolean;
  since: string;
  error?: string | null;
}

/** Every gateway's status as its bridge last recorded it (a fleet has several; each is judged on its own). */
async function unreachable(db: Queryable): Promise<{ id: string; name: string; since: Date; error: string | null }[]> {
  const rows = await db.query<{ id: string; name: string; value: GatewayStatus }>(
    `select g.id, g.name, c.value from gateways g
       join bridge_checkpoints c on c.gateway_id = g.id and c.source = 'gateway' and c.key = 'status'
      order by g.name`,
  );
  return rows
    .filter((r) => !r.value.connected)
    .map((r) => ({ id: r.id, name: r.name, since: new Date(r.value.since), error: r.value.error ?? null }));
}

/** The bridge has not reached a gateway for longer than the delay (the bridge's own record of it). */
export const gatewayUnreachable = defineRule({
  kind: 'gateway_unreachable',
  label: 'Gateway unreachable',
  description: 'A bridge has not reached its OpenClaw gateway for longer than the delay. Resolved when it is back.',
  params: z.object({ delayMinutes: z.number().min(0).max(1440).default(5) }),
  paramLabels: { delayMinutes: 'Unreachable for more than (minutes)' },
  aboutGateway: true,
  summary: (items) =>
    countTitle(
      items,
      (item) => `${item.title} unreachable`,
      (n) => `${n} OpenClaw gateways unreachable`,
    ),
  async opensAt(db: Queryable, { delayMinutes }) {
    const since = (await unreachable(db)).map((g) => g.since.getTime() + delayMinutes * 60_000);
    return since.length ? new Date(Math.min(...since)) : null;
  },
  async findOpen(db: Queryable, { delayMinutes }, now) {
    return (await unreachable(db))
      .filter((g) => now.getTime() - g.since.getTime() >= delayMinutes * 60_000)
      .map((g) => ({
        // the default gateway keeps the key it had before the fleet, so an incident open across an upgrade goes on
        key: g.id === DEFAULT_GATEWAY_ID ? 'gateway' : `gateway:${g.id}`,
        title: g.id === DEFAULT_GATEWAY_ID ? 'OpenClaw gateway' : `OpenClaw gateway ${g.name}`,
        detail: `Unreachable since ${g.since.toISOString().slice(0, 19).replace('T', ' ')} UTC${g.error ? ` (${g.error})` : ''}.`,
      }));
  },
});
