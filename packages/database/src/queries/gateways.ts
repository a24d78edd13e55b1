// The OpenClaw gateways the studio mirrors (issue 18). Every mirrored row names its gateway; OpenClaw's ids and
// session keys are unique within one. The bridge serving a gateway keeps its row current.
import type { Queryable } from '../db';

/** The gateway that everything mirrored before there were several belongs to (migration 0033). */
export const DEFAULT_GATEWAY_ID = '00000000-0000-0000-0000-000000000001';

export type GatewayState = 'unknown' | 'connected' | 'disconnected';

export interface GatewayRow {
  id: string;
  name: string;
  url: string | null;
  openclaw_version: string | null;
  host: string | null;
  state: GatewayState;
  last_error: string | null;
  last_seen_at: Date | null;
  /** When the last reconcile began, once it wrote the gateway's runs: every run before it is mirrored. */
  runs_known_at: Date | null;
  served_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface GatewaySeen {
  url: string | null;
  /** The version its hello gave; null keeps the one known (a disconnect does not forget it). */
  version: string | null;
  host: string | null;
  connected: boolean;
  error: string | null;
  servedBy: string;
}

/**
 * What the bridge serving a gateway saw of it: last_seen_at moves only while it is connected. A disconnect seen
 * by a bridge that no longer serves it (a standby took over meanwhile, issue 18 step 3) changes nothing, so the
 * row keeps saying who serves it now; answers whether the row was written.
 */
export async function recordGatewaySeen(db: Queryable, id: string, seen: GatewaySeen): Promise<boolean> {
  const rows = await db.query(
    `update gateways set url = coalesce($2, url), openclaw_version = coalesce($3, openclaw_version),
            host = coalesce($4, host), state = case when $5 then 'connected' else 'disconnected' end,
            last_error = case when $5 then null else $6 end, last_seen_at = case when $5 then now() else last_seen_at end,
            served_by = $7, updated_at = now()
      where id = $1 and ($5 or served_by is not distinct from $7 or not exists (
              select 1 from bridge_leases l
               where l.key = 'gateway:' || gateways.id::text and l.holder = gateways.served_by and l.expires_at > now()))
      returning id`,
    [id, seen.url, seen.version, seen.host, seen.connected, seen.error, seen.servedBy],
  );
  return rows.length > 0;
}

/** A connected gateway is still there (its bridge calls this on every reconcile). */
export async function touchGateway(db: Queryable, id: string): Promise<void> {
  await db.query(`update gateways set last_seen_at = now() where id = $1 and state = 'connected'`, [id]);
}

/** A reconcile that began at `at` has written the gateway's runs: they are all known up to then (the watchdog). */
export async function recordRunsKnown(db: Queryable, id: string, at: Date): Promise<void> {
  await db.query('update gateways set runs_known_at = $2 where id = $1', [id, at]);
}

export async function getGateway(db: Queryable, id: string): Promise<GatewayRow | null> {
  const [row] = await db.query<GatewayRow>('select * from gateways where id = $1', [id]);
  return row ?? null;
}

export async function listGateways(db: Queryable): Promise<GatewayRow[]> {
  return db.query<GatewayRow>('select * from gateways order by name');
}

/** A gateway by its name or its id (what a request or the CLI names it by), or null. */
export async function findGateway(db: Queryable, ref: string): Promise<GatewayRow | null> {
  const [row] = await db.query<GatewayRow>('select * from gateways where name = $1 or id::text = $1 limit 1', [ref]);
  return row ?? null;
}

/** The gateway named `name`, created if there is none yet (a bridge started for a new gateway). */
export async function ensureGateway(db: Queryable, name: string): Promise<GatewayRow> {
  const byName = () => db.query<GatewayRow>('select * from gateways where name = $1', [name]);
  // looked up first: a bridge role limited to its gateway may not even try an insert (row-level security checks
  // the new row before the conflict), and its gateway exists (bridge-role --gateway made it)
  const [found] = await byName();
  if (found) return found;
  await db.query('insert into gateways (name) values ($1) on conflict (name) do nothing', [name]);
  const [row] = await byName();
  return row!;
}

/** A gateway the studio mirrors from now on (its bridge fills in the rest when it connects). */
export async function createGateway(db: Queryable, name: string): Promise<GatewayRow> {
  const [row] = await db.query<GatewayRow>('insert into gateways (name) values ($1) returning *', [name]);
  return row!;
}
