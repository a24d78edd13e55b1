// Leases (issue 18, step 3): which bridge works for a gateway, and which runs the studio-wide workers. Every
// time is the database's (now()), so bridges on different machines never compare their clocks.
import type { Queryable } from '../db';

export interface LeaseRow {
  key: string;
  holder: string;
  expires_at: Date;
  acquired_at: Date;
}

/** The lease on a gateway's work (its connection, mirror and commands). */
export const gatewayLeaseKey = (gatewayId: string): string => `gateway:${gatewayId}`;
/** The lease on the studio-wide workers. */
export const STUDIO_LEASE_KEY = 'studio';

/**
 * Takes the lease for `holder` for `ttlMs` if it is free, expired or already its own, in one statement (two
 * bridges racing for it cannot both win). `replacing`: a holder known to be dead (this bridge's predecessor on
 * its own host and data folder, crashed), whose lease is taken at once instead of waited out. Answers whether it
 * is held now, and by whom.
 */
export async function acquireLease(
  db: Queryable,
  key: string,
  holder: string,
  ttlMs: number,
  replacing: string | null = null,
): Promise<{ acquired: boolean; holder: string | null }> {
  const [won] = await db.query<LeaseRow>(
    `insert into bridge_leases (key, holder, expires_at)
     values ($1, $2, now() + make_interval(secs => $3::float8 / 1000))
     on conflict (key) do update
       set holder = excluded.holder, expires_at = excluded.expires_at,
           acquired_at = case when bridge_leases.holder = excluded.holder then bridge_leases.acquired_at else now() end
     where bridge_leases.expires_at <= now() or bridge_leases.holder = excluded.holder or bridge_leases.holder = $4
     returning *`,
    [key, holder, ttlMs, replacing],
  );
  if (won) return { acquired: true, holder };
  const current = await getLease(db, key);
  return { acquired: false, holder: current?.holder ?? null };
}

/**
 * Extends the lease by `ttlMs` from now if `holder` still holds it and it has not expired; false otherwise (it
 * lapsed or another bridge took it), and then the holder must stop its work at once.
 */
export async function renewLease(db: Queryable, key: string, holder: string, ttlMs: number): Promise<boolean> {
  const rows = await db.query(
    `update bridge_leases set expires_at = now() + make_interval(secs => $3::float8 / 1000)
      where key = $1 and holder = $2 and expires_at > now() returning key`,
    [key, holder, ttlMs],
  );
  return rows.length > 0;
}

/** Gives the lease up (a clean stop), so a standby takes over without waiting for it to expire. */
export async function releaseLease(db: Queryable, key: string, holder: string): Promise<void> {
  await db.query('delete from bridge_leases where key = $1 and holder = $2', [key, holder]);
}

export async function getLease(db: Queryable, key: string): Promise<LeaseRow | null> {
  const [row] = await db.query<LeaseRow>('select * from bridge_leases where key = $1', [key]);
  return row ?? null;
}
