// Every request passes here first (Next 16 proxy, Node runtime): only the host names the studio answers to;
// nothing but sign-in, setup and the liveness probe is served without the owner's session or an API token;
// state changes must come from the studio's own pages (same origin) or a token with the `control` scope.
// Also sets the per-request CSP nonce, the gateway a page's `?gateway=` names for the layout, and the newest event
// before a page renders (its live stream goes on from there).
import { NextResponse, type NextRequest } from 'next/server';
import { hostMatcher } from '@agent-studio/core/allowed-hosts';
import { bodyLimit } from '@agent-studio/core/body-limits';
import { latestEventId } from '@agent-studio/database';
import { GATEWAY_COOKIE, GATEWAY_PARAM } from './lib/gateway-filter';
import { SINCE_HEADER } from './server/render-since';
import { authenticate, bearerExpired } from './server/auth';
import { contentSecurityPolicy } from './server/csp';
import { getDb } from './server/db';
import { env } from './server/env';
import { bodyTooLarge } from './server/http';

// /icon.svg: the tab's icon, on the sign-in page too
const PUBLIC = new Set(['/login', '/setup', '/api/auth/login', '/api/auth/setup', '/api/live', '/icon.svg']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const hostAllowed = hostMatcher(env.HOST, env.STUDIO_ALLOWED_HOSTS);

function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin) return origin === `${request.nextUrl.protocol}//${request.headers.get('host')}`;
  const site = request.headers.get('sec-fetch-site');
  // no Origin and no Fetch metadata: not a browser, so not a cross-site request forgery
  return site === null || site === 'same-origin' || site === 'none';
}

const UNUSABLE_AUTHORIZATION =
  'The Authorization header is not a valid API token ("Bearer <token>"), and with one present the session cookie is not used. ' +
  'If a proxy in front of the studio asks for a password, have it remove the Authorization header before forwarding.';

// Nothing the studio answers under /api may be kept by a browser or a shared cache. Set here, this header wins
// over a route's own (Next keeps the first Cache-Control; a force-static route's would be a year). An event
// stream also says no-transform: a proxy that compressed it would hold events back.
const NO_STORE = 'no-store';
const NO_STORE_STREAM = 'no-store, no-transform';

const unknownHost = (host: string | null) =>
  `This studio does not answer to the host ${JSON.stringify(host?.slice(0, 200) ?? '')}. If that is the name you reach it by, ` +
  'add it to STUDIO_ALLOWED_HOSTS (names separated by commas) and restart the studio; names not listed are refused so that ' +
  'other sites cannot reach it through a name of theirs (DNS rebinding).';

const json = (status: number, code: string, message: string) =>
  NextResponse.json({ error: { code, message } }, { status, headers: { 'cache-control': NO_STORE } });

export async function proxy(request: NextRequest) {
  // before anything else, sign-in and the liveness probe included: a rebound name must not reach any of it
  const host = request.headers.get('host');
  if (!hostAllowed(host)) return json(421, 'unknown_host', unknownHost(host));

  const { pathname, search } = request.nextUrl;
  // an oversized body is refused by its announced length, unread and before anyone is authenticated
  const limit = bodyLimit(pathname);
  if (Number(request.headers.get('content-length')) > limit) {
    const { status, code, message } = bodyTooLarge(limit);
    return json(status, code, message);
  }
  const isApi = pathname.startsWith('/api/');
  const unsafe = !SAFE_METHODS.has(request.method);
  const isPublic = PUBLIC.has(pathname);
  const caller = isPublic ? null : await authenticate(request.headers);

  // Only an API token shows that no page forged the request: a browser sends cookies and HTTP Basic credentials
  // along on its own, whichever page asks.
  if (unsafe && caller?.kind !== 'token' && !sameOrigin(request))
    return json(403, 'cross_origin', 'Cross-origin requests may not change anything here.');

  if (!isPublic) {
    if (!caller) {
      if (isApi && (await bearerExpired(request.headers)))
        return json(401, 'token_expired', 'This API token has expired: create a new one in Settings → API tokens.');
      // a sign-in page would not help: the browser would send the same header again
      if (request.headers.has('authorization')) return json(401, 'unauthenticated', UNUSABLE_AUTHORIZATION);
      if (isApi)
        return json(401, 'unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
      const login = new URL('/login', request.url);
      if (pathname !== '/') login.searchParams.set('next', pathname + search);
      return NextResponse.redirect(login);
    }
    if (caller.kind === 'token') {
      if (!isApi) return json(403, 'token_not_for_pages', 'API tokens work on /api routes only.');
      if (unsafe && !caller.scopes.includes('control'))
        return json(
          403,
          'insufficient_scope',
          'This token may only read; actions need a token with the "control" scope.',
        );
    }
  }

  // a page's ?gateway= wins over the switcher's cookie for this render: the layout, not given the address, reads
  // the cookie, and its header and nav must show the page's gateway. Only the request's: the switcher remembers a
  // new choice itself, so a refresh of the page left behind cannot bring the old choice back
  const gateway = isApi ? null : request.nextUrl.searchParams.get(GATEWAY_PARAM);
  if (gateway) request.cookies.set(GATEWAY_COOKIE, gateway);

  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('content-security-policy', csp);
  // read here, before the page reads anything: an event the page's data missed comes after it, so the page's live
  // stream (which starts after it) brings it, and the page need not render twice to be sure
  if (!isApi && caller) headers.set(SINCE_HEADER, await latestEventId(await getDb()));
  else headers.delete(SINCE_HEADER);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', csp);
  if (isApi)
    response.headers.set(
      'cache-control',
      request.headers.get('accept')?.includes('text/event-stream') ? NO_STORE_STREAM : NO_STORE,
    );
  return response;
}

export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'] };
