// What callers present to the studio in the tests, made as the app makes them: the owner's signed-in browser
// (a session row and its cookie) and API tokens (a row and the secret a script would send).
import { hashToken, newToken } from '@agent-studio/core/secrets';
import { createApiToken, createAuthSession, getOwner, type ApiScope, type Queryable } from '@agent-studio/database';
import { SESSION_COOKIE } from '@/server/auth';

/** Signs the owner in for `ttlMs`; the Cookie header its browser then sends. */
export async function ownerCookie(db: Queryable, ttlMs = 86_400_000): Promise<string> {
  const secret = newToken();
  await createAuthSession(db, {
    userId: (await getOwner(db)).id,
    tokenHash: hashToken(secret),
    expiresAt: new Date(Date.now() + ttlMs),
    userAgent: null,
    address: null,
  });
  return `${SESSION_COOKIE}=${secret}`;
}

/** An API token named `name` with `scopes`; its secret (a new one unless given). */
export async function apiToken(
  db: Queryable,
  o: { name: string; scopes: ApiScope[]; secret?: string },
): Promise<string> {
  const secret = o.secret ?? newToken();
  await createApiToken(db, { name: o.name, tokenHash: hashToken(secret), scopes: o.scopes, createdBy: null });
  return secret;
}
