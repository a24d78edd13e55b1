import type { Db, Queryable } from '../db';

export interface UserRow {
  id: string;
  username: string;
  password_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface AuthSessionRow {
  id: string;
  user_id: string;
  user_agent: string | null;
  address: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
}

const OWNER = 'owner';

/** The single owner, created on first use (without a password until set up). */
export async function getOwner(db: Queryable): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `insert into users (username) values ($1) on conflict (username) do update set username = excluded.username returning *`,
    [OWNER],
  );
  return row!;
}

/** Sets the owner's password hash (`agent-studio passwd`): a reset also ends every session and voids every setup link. */
export async function setOwnerPassword(db: Queryable, passwordHash: string): Promise<void> {
  const owner = await getOwner(db);
  await db.query('update users set password_hash = $2, updated_at = now() where id = $1', [owner.id, passwordHash]);
  await afterPasswordSet(db, owner.id);
}

/**
 * The first owner password, set with a setup link; false when the link is unknown, used or expired, or a
 * password is set already. getOwner's upsert locks the owner's row, so of two setups at once only one wins.
 */
export async function setFirstOwnerPassword(db: Db, setupTokenHash: string, passwordHash: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const owner = await getOwner(tx);
    const set = await tx.query(
      `with link as (update setup_tokens set used_at = now() where token_hash = $2 and used_at is null and expires_at > now() returning 1)
       update users set password_hash = $3, updated_at = now() where id = $1 and password_hash is null and exists (select 1 from link) returning 1`,
      [owner.id, setupTokenHash, passwordHash],
    );
    if (!set.length) return false;
    await afterPasswordSet(tx, owner.id);
    return true;
  });
}

/** Whoever had the old password (a session) or a link printed before (a setup token) may not use it now. */
async function afterPasswordSet(db: Queryable, ownerId: string): Promise<void> {
  await db.query('update auth_sessions set revoked_at = now() where user_id = $1 and revoked_at is null', [ownerId]);
  await db.query('update setup_tokens set used_at = now() where used_at is null');
}

export async function createSetupToken(db: Queryable, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.query('insert into setup_tokens (token_hash, expires_at) values ($1, $2)', [tokenHash, expiresAt]);
}

export async function createAuthSession(
  db: Queryable,
  s: { userId: string; tokenHash: string; expiresAt: Date; userAgent: string | null; address: string | null },
): Promise<AuthSessionRow> {
  const [row] = await db.query<AuthSessionRow>(
    `insert into auth_sessions (user_id, token_hash, expires_at, user_agent, address) values ($1, $2, $3, $4, $5)
     returning id, user_id, user_agent, address, created_at, last_seen_at, expires_at, revoked_at`,
    [s.userId, s.tokenHash, s.expiresAt, s.userAgent, s.address],
  );
  return row!;
}

/** The live session for a cookie token; marks it seen (at most once a minute, to spare writes). */
export async function findAuthSession(db: Queryable, tokenHash: string): Promise<AuthSessionRow | null> {
  const [row] = await db.query<AuthSessionRow>(
    `update auth_sessions set last_seen_at = case when last_seen_at < now() - interval '1 minute' then now() else last_seen_at end
      where token_hash = $1 and revoked_at is null and expires_at > now()
      returning id, user_id, user_agent, address, created_at, last_seen_at, expires_at, revoked_at`,
    [tokenHash],
  );
  return row ?? null;
}

export async function revokeAuthSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('update auth_sessions set revoked_at = now() where token_hash = $1 and revoked_at is null', [
    tokenHash,
  ]);
}

export async function revokeAllAuthSessions(db: Queryable, userId: string): Promise<number> {
  return (
    await db.query(
      'update auth_sessions set revoked_at = now() where user_id = $1 and revoked_at is null returning 1',
      [userId],
    )
  ).length;
}

/**
 * Counts a sign-in attempt as failed before its password is checked (clearLoginFailures forgives it on
 * success): false, and nothing counted, when the address has `max` failures since `since` already. Attempts
 * from one address take a lock in turn, so many at once cannot all pass a count taken before any was added.
 */
export async function reserveLoginAttempt(db: Db, address: string, since: Date, max: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    // its own statement: the count below must see the rows of whoever held the lock before
    await tx.query(`select pg_advisory_xact_lock(hashtext('login_failures'), hashtext($1))`, [address]);
    const added = await tx.query(
      'insert into login_failures (address) select $1 where (select count(*) from login_failures where address = $1 and at > $2) < $3 returning 1',
      [address, since, max],
    );
    return added.length === 1;
  });
}

export async function clearLoginFailures(db: Queryable, address: string): Promise<void> {
  await db.query('delete from login_failures where address = $1', [address]);
}
