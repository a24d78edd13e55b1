// The proxy in front of every route, called in-process as Next calls it: who may ask (the owner's cookie, or an
// API token; never a cookie beside another Authorization header), from which page, through which host name and
// with how large a body, and that nothing under /api is cached.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { NextRequest } from 'next/server';
import { appendEvent, latestEventId, shareDb } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { proxy } from '@/proxy';
import { SINCE_HEADER } from '@/server/render-since';
import { apiToken, ownerCookie } from './credentials';

const STUDIO = 'http://127.0.0.1:3000';
const OTHER_PORT = 'http://127.0.0.1:8080';
const BASIC = `Basic ${Buffer.from('owner:proxy password').toString('base64')}`;

function request(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {},
): NextRequest {
  const { method = 'GET', headers, body } = init;
  return new NextRequest(`${STUDIO}${path}`, {
    method,
    headers: { host: '127.0.0.1:3000', ...headers },
    body,
    duplex: 'half',
  } as ConstructorParameters<typeof NextRequest>[1]);
}

/** NextResponse.next(): the proxy lets the request through to the route. */
const passed = (r: Response) => r.headers.get('x-middleware-next') === '1';

describeEachDriver('proxy', (get) => {
  let cookie: string;
  let controlToken: string;
  before(async () => {
    const { db } = get();
    shareDb(db);
    cookie = await ownerCookie(db);
    controlToken = await apiToken(db, { name: 'ci', scopes: ['read', 'control'] });
  });

  test('a cookie beside an HTTP Basic header neither passes the origin check nor signs in', async () => {
    const webhook = { method: 'POST', body: JSON.stringify({ url: 'https://collector.example/hook' }) };
    const forged = await proxy(
      request('/api/webhooks', {
        ...webhook,
        headers: { cookie, authorization: BASIC, origin: OTHER_PORT, 'content-type': 'application/json' },
      }),
    );
    assert.equal(forged.status, 403);
    assert.equal((await forged.json()).error.code, 'cross_origin');

    const ownPage = await proxy(
      request('/api/webhooks', {
        ...webhook,
        headers: { cookie, authorization: BASIC, origin: STUDIO, 'content-type': 'application/json' },
      }),
    );
    assert.equal(ownPage.status, 401, 'the cookie is not used while another Authorization header is present');
    assert.match((await ownPage.json()).error.message, /remove the Authorization header/);

    const page = await proxy(request('/cron', { headers: { cookie, authorization: BASIC } }));
    assert.equal(page.status, 401, 'a page answers why instead of sending the browser to sign in again and again');

    assert.ok(
      passed(
        await proxy(
          request('/api/webhooks', {
            ...webhook,
            headers: { cookie, origin: STUDIO, 'content-type': 'application/json' },
          }),
        ),
      ),
      'the cookie alone, from the studio, still works',
    );
  });

  test('a valid Bearer token works from another origin; an invalid one does not', async () => {
    const from = (authorization: string) =>
      proxy(
        request('/api/cron/jobs/00000000-0000-4000-8000-000000000000/trigger', {
          method: 'POST',
          body: '{}',
          headers: { authorization, origin: 'https://tools.example' },
        }),
      );
    assert.ok(passed(await from(`Bearer ${controlToken}`)));
    assert.equal((await from('Bearer ast_made_up')).status, 403);
    assert.equal(
      (await proxy(request('/api/cron/jobs', { headers: { authorization: 'Bearer ast_made_up', cookie } }))).status,
      401,
      'nor does the cookie beside it count',
    );
  });

  test('without an Origin header, Fetch metadata decides: a cross-site or same-site request with the cookie changes nothing', async () => {
    const post = (headers: Record<string, string>) =>
      proxy(
        request('/api/webhooks', {
          method: 'POST',
          body: '{}',
          headers: { cookie, 'content-type': 'application/json', ...headers },
        }),
      );
    for (const site of ['cross-site', 'same-site']) {
      const r = await post({ 'sec-fetch-site': site });
      assert.equal(r.status, 403, site);
      assert.equal((await r.json()).error.code, 'cross_origin');
    }
    for (const site of ['same-origin', 'none']) assert.ok(passed(await post({ 'sec-fetch-site': site })), site);
    assert.ok(passed(await post({})), 'no Origin and no Fetch metadata: not a browser');
  });

  test('a read-only token reads but may not act', async () => {
    const readToken = await apiToken(get().db, { name: 'dashboard', scopes: ['read'] });
    const authorization = `Bearer ${readToken}`;
    assert.ok(passed(await proxy(request('/api/cron/jobs', { headers: { authorization } }))));
    const act = await proxy(
      request('/api/cron/jobs/00000000-0000-4000-8000-000000000000/trigger', {
        method: 'POST',
        body: '{}',
        headers: { authorization },
      }),
    );
    assert.equal(act.status, 403);
    assert.equal((await act.json()).error.code, 'insufficient_scope');
  });

  test('a Host the studio was not configured for is refused on every route, the public ones included', async () => {
    for (const path of ['/api/live', '/login', '/api/auth/login', '/api/cron/jobs']) {
      const r = await proxy(request(path, { headers: { host: 'evil.example', cookie } }));
      assert.equal(r.status, 421, path);
      assert.match((await r.json()).error.message, /"evil.example".*STUDIO_ALLOWED_HOSTS/);
    }
    assert.equal(
      (await proxy(request('/api/live', { headers: { host: 'evil.example:3000' } }))).status,
      421,
      'whatever the port',
    );
    for (const host of ['127.0.0.1:3000', 'localhost:3000', '[::1]:3000'])
      assert.ok(passed(await proxy(request('/api/live', { headers: { host } }))), host);
  });

  test('a body longer than the route takes is refused by its Content-Length, unread, before authentication', async () => {
    let pulled = false;
    const body = new ReadableStream({ pull: () => void (pulled = true) }, { highWaterMark: 0 });
    const login = await proxy(
      request('/api/auth/login', {
        method: 'POST',
        body,
        headers: { 'content-length': String(64 * 1024 * 1024), 'content-type': 'application/json' },
      }),
    );
    assert.equal(login.status, 413);
    assert.match((await login.json()).error.message, /larger than the 16 KB/);
    assert.equal(pulled, false);

    const anonymous = await proxy(
      request('/api/webhooks', { method: 'POST', body: '{}', headers: { 'content-length': String(2 * 1024 * 1024) } }),
    );
    assert.equal(anonymous.status, 413, 'before the missing session is noticed');
    const edit = request('/api/gtm/outputs/00000000-0000-4000-8000-000000000000', {
      method: 'PATCH',
      body: '{}',
      headers: { cookie, 'content-length': String(6 * 1024 * 1024) },
    });
    assert.ok(passed(await proxy(edit)), 'a long content edit still goes through');
  });

  test('no answer under /api may be stored: signed-in JSON, the OpenAPI document, event streams, public routes and refusals', async () => {
    const cacheControl = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
      const r = await proxy(request(path, { method, headers, body: method === 'GET' ? undefined : '{}' }));
      return `${r.status} ${r.headers.get('cache-control')}`;
    };
    assert.equal(await cacheControl('/api/cron/jobs', { cookie }), '200 no-store');
    assert.equal(await cacheControl('/api/openapi.json', { cookie }), '200 no-store');
    assert.equal(
      await cacheControl('/api/events', { cookie, accept: 'text/event-stream' }),
      '200 no-store, no-transform',
    );
    assert.equal(await cacheControl('/api/live'), '200 no-store');
    assert.equal(await cacheControl('/api/cron/jobs'), '401 no-store');
    assert.equal(
      await cacheControl('/api/webhooks', { cookie, origin: 'https://evil.example' }, 'POST'),
      '403 no-store',
    );
  });

  test('a page’s ?gateway= is the gateway its layout reads, over the switcher’s cookie; an API call’s filters only itself', async () => {
    // what the route is given: NextResponse.next({ request: { headers } }) passes overridden headers this way
    const forwardedCookie = async (path: string) => {
      const r = await proxy(request(path, { headers: { cookie: `${cookie}; studio-gateway=home` } }));
      assert.ok(passed(r));
      return r.headers.get('x-middleware-request-cookie') ?? '';
    };
    const page = await forwardedCookie('/agents?gateway=office');
    assert.match(page, /studio-gateway=office/);
    assert.doesNotMatch(page, /studio-gateway=home/);
    assert.ok(page.includes(cookie.split(';')[0]!), 'the session cookie kept');
    assert.match(await forwardedCookie('/agents'), /studio-gateway=home/, 'no ?gateway=: the cookie’s');
    assert.match(await forwardedCookie('/api/agents?gateway=office'), /studio-gateway=home/);
  });

  test('a page is told the newest event before it reads anything, whatever the browser sent; an API call is not', async () => {
    const { db } = get();
    // what the route is given (NextResponse.next({ request: { headers } }))
    const since = async (path: string) => {
      const r = await proxy(request(path, { headers: { cookie, [SINCE_HEADER]: '999999999' } }));
      assert.ok(passed(r));
      return r.headers.get(`x-middleware-request-${SINCE_HEADER}`);
    };
    await appendEvent(db, 'system', 'system.metrics.sampled', { at: new Date().toISOString(), metrics: 1 });
    const newest = await latestEventId(db);
    assert.notEqual(newest, '999999999');
    assert.equal(await since('/agents'), newest);
    await appendEvent(db, 'system', 'system.metrics.sampled', { at: new Date().toISOString(), metrics: 2 });
    assert.equal(await since('/content?q=x'), await latestEventId(db), 'read at each request');
    assert.equal(await since('/api/agents'), null);
  });
});
