// Who is asking: the owner's browser session (cookie) or an API token (Bearer), checked against the database.
// The proxy (src/proxy.ts) calls this for every request; route handlers can trust that it ran.
import { vouchedClientAddress } from '@agent-studio/core/client-address';
import { hashToken } from '@agent-studio/core/secrets';
import { findApiToken, findAuthSession, isApiTokenExpired, type ApiScope } from '@agent-studio/database';
import { getDb } from './db';

export const SESSION_COOKIE = 'studio_session';
export const SESSION_DAYS = 30;

export type Caller =
  | { kind: 'session'; userId: string; tokenHash: string }
  | { kind: 'token'; tokenId: string; name: string; scopes: ApiScope[] };

function cookieValue(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

export async function authenticate(headers: Headers): Promise<Caller | null> {
  const db = await getDb();
  const authorization = headers.get('authorization');
  // A request that brings an Authorization header is judged by it alone, never by the cookie beside it: behind
  // an HTTP Basic proxy the browser attaches both to requests that pages of other origins make.
  if (authorization !== null) {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const token = bearer ? await findApiToken(db, hashToken(bearer)) : null;
    return token ? { kind: 'token', tokenId: token.id, name: token.name, scopes: token.scopes } : null;
  }
  const cookie = cookieValue(headers.get('cookie'), SESSION_COOKIE);
  if (!cookie) return null;
  const tokenHash = hashToken(cookie);
  const session = await findAuthSession(db, tokenHash);
  return session ? { kind: 'session', userId: session.user_id, tokenHash } : null;
}

/** Whether the request's bearer token is one that has expired (not unknown or revoked): its 401 says so. */
export async function bearerExpired(headers: Headers): Promise<boolean> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
  return bearer ? isApiTokenExpired(await getDb(), hashToken(bearer)) : false;
}

export function sessionCookie(token: string, request: Request, maxAgeSeconds = SESSION_DAYS * 86_400): string {
  const secure = new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (request: Request) => sessionCookie('', request, 0);

/**
 * Whom a sign-in comes from: the address the studio's own server vouched for (the socket's, or a trusted
 * proxy's X-Forwarded-For). Served any other way (plain `next start`), nothing in a request can be believed,
 * so every caller is "unknown" and their failed sign-ins count together.
 */
export function clientAddress(headers: Headers): string {
  return vouchedClientAddress(headers) ?? 'unknown';
}
