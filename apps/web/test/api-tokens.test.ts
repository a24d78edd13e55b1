// API tokens (issue 13, finding 13): an expiry chosen at creation (never, or a date), refused with words that
// say so once it passes; and when each token was last used, recorded at most once a minute.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NextRequest } from 'next/server';
import { hashToken, newToken } from '@agent-studio/core/secrets';
import { createApiToken } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import * as tokensRoute from '@/app/api/tokens/route';
import { proxy } from '@/proxy';
import { call, useStudio } from './fixture';

const STUDIO = 'http://127.0.0.1:3000';

/** A request through the proxy with a bearer token, as a script would send it. */
const asToken = (secret: string) =>
  proxy(
    new NextRequest(`${STUDIO}/api/cron/jobs`, {
      headers: { host: '127.0.0.1:3000', authorization: `Bearer ${secret}` },
    }),
  );
const passed = (r: Response) => r.headers.get('x-middleware-next') === '1';

describeEachDriver('API tokens', (get) => {
  const studio = useStudio(get, { bridge: false });
  const listed = async (id: string) =>
    (await call(tokensRoute.GET, 'GET', '/api/tokens')).json.tokens.find((t: { id: string }) => t.id === id);

  test('an expiry is chosen at creation: a date in the future, or none', async () => {
    const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const created = await call(tokensRoute.POST, 'POST', '/api/tokens', {
      body: { name: 'report', scopes: ['read'], expiresAt: in30Days },
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.token.expiresAt, in30Days);
    assert.equal((await listed(created.json.token.id)).expiresAt, in30Days);
    const forever = await call(tokensRoute.POST, 'POST', '/api/tokens', {
      body: { name: 'forever', scopes: ['read'] },
    });
    assert.equal(forever.json.token.expiresAt, null);
    for (const expiresAt of ['2020-01-01', 'next week']) {
      const bad = await call(tokensRoute.POST, 'POST', '/api/tokens', {
        body: { name: 'x', scopes: ['read'], expiresAt },
      });
      assert.equal(bad.status, 400, expiresAt);
      assert.deepEqual(
        bad.json.error.details.issues.map((i: { field: string }) => i.field),
        ['expiresAt'],
      );
    }
  });

  test('an expired token is refused 401 with a message that says it expired; an unknown one is not told that', async () => {
    const created = await call(tokensRoute.POST, 'POST', '/api/tokens', {
      body: { name: 'short-lived', scopes: ['read'], expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    const { secret, token } = created.json;
    assert.ok(passed(await asToken(secret)), 'it works until it expires');
    await studio().db.query(
      `update api_tokens set expires_at = now() - interval '1 second', last_used_at = null where id = $1`,
      [token.id],
    );
    const refused = await asToken(secret);
    assert.equal(refused.status, 401);
    const { error } = await refused.json();
    assert.equal(error.code, 'token_expired');
    assert.match(error.message, /expired/);
    assert.equal((await listed(token.id)).lastUsedAt, null, 'a refused use is not a use');
    const unknown = await asToken(newToken());
    assert.equal(unknown.status, 401);
    assert.doesNotMatch((await unknown.json()).error.message, /expired/);
  });

  test('the last use is recorded, at most once a minute', async () => {
    const { db } = studio();
    const secret = newToken();
    const { id } = await createApiToken(db, {
      name: 'cron script',
      tokenHash: hashToken(secret),
      scopes: ['read'],
      createdBy: null,
    });
    assert.equal((await listed(id)).lastUsedAt, null);
    assert.ok(passed(await asToken(secret)));
    const first = (await listed(id)).lastUsedAt;
    assert.ok(first, 'set by the first use');
    assert.ok(passed(await asToken(secret)));
    assert.equal((await listed(id)).lastUsedAt, first, 'not rewritten within the minute');
    await db.query(`update api_tokens set last_used_at = now() - interval '2 minutes' where id = $1`, [id]);
    assert.ok(passed(await asToken(secret)));
    assert.ok(new Date((await listed(id)).lastUsedAt) > new Date(first), 'a minute later it is');
  });
});
