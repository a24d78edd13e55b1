import type { Queryable } from '../db';

export type ApiScope = 'read' | 'control';

export interface ApiTokenRow {
  id: string;
  name: string;
  scopes: ApiScope[];
  created_at: Date;
  /** Null: never expires. */
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = 'id, name, scopes, created_at, expires_at, last_used_at, revoked_at';

export async function createApiToken(
  db: Queryable,
  t: { name: string; tokenHash: string; scopes: ApiScope[]; createdBy: string | null; expiresAt?: Date | null },
): Promise<ApiTokenRow> {
  const [row] = await db.query<ApiTokenRow>(
    `insert into api_tokens (name, token_hash, scopes, created_by, expires_at) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
    [t.name, t.tokenHash, t.scopes, t.createdBy, t.expiresAt ?? null],
  );
  return row!;
}

export async function listApiTokens(db: Queryable): Promise<ApiTokenRow[]> {
  return db.query<ApiTokenRow>(`select ${COLUMNS} from api_tokens order by created_at desc`);
}

export async function revokeApiToken(db: Queryable, id: string): Promise<boolean> {
  return (
    (await db.query('update api_tokens set revoked_at = now() where id = $1 and revoked_at is null returning 1', [id]))
      .length === 1
  );
}

/** The live token (not revoked, not expired) for a bearer value's hash; records its use (at most once a minute). */
export async function findApiToken(db: Queryable, tokenHash: string): Promise<ApiTokenRow | null> {
  const [row] = await db.query<ApiTokenRow>(
    `update api_tokens set last_used_at = case when last_used_at is null or last_used_at < now() - interval '1 minute' then now() else last_used_at end
      where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > now()) returning ${COLUMNS}`,
    [tokenHash],
  );
  return row ?? null;
}

/** Whether a bearer value is a token that would still work but has expired: its user is told so, to make a new one. */
export async function isApiTokenExpired(db: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await db.query(
    'select 1 from api_tokens where token_hash = $1 and revoked_at is null and expires_at <= now()',
    [tokenHash],
  );
  return rows.length === 1;
}
