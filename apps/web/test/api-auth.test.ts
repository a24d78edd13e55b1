// The owner's sign-in: the one-time setup link, sessions rotated at every sign-in and ended everywhere at once,
// cookies that scripts cannot read and that stay on https when the studio is behind it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, hashToken, newToken } from '@agent-studio/core/secrets';
import { createApiToken, createSetupToken, setOwnerPassword, shareDb } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { POST as login } from '@/app/api/auth/login/route';
import { POST as logout } from '@/app/api/auth/logout/route';
import { POST as setup } from '@/app/api/auth/setup/route';
import { POST as createToken } from '@/app/api/tokens/route';
import { DELETE as revokeToken } from '@/app/api/tokens/[id]/route';
import { authenticate } from '@/server/auth';
import { call } from './fixture';

const PASSWORD = 'a long enough owner password';
const cookieOf = (r: Response) => r.headers.get('set-cookie')!.split(';')[0]!;
const signedIn = async (cookie: string) => (await authenticate(new Headers({ cookie }))) !== null;

describeEachDriver('sign-in', (get) => {
  test('a setup link sets the password once, and not after its 15 minutes', async () => {
    const { db } = get();
    shareDb(db);
    const token = newToken();
    await createSetupToken(db, hashToken(token), new Date(Date.now() + 15 * 60_000));
    const first = await call(setup, 'POST', '/api/auth/setup', {
      anonymous: true,
      body: { token, password: PASSWORD },
    });
    assert.equal(first.status, 200, JSON.stringify(first.json));
    assert.match(first.response.headers.get('set-cookie')!, /; HttpOnly; SameSite=Lax; Max-Age=\d+$/);
    assert.ok(await signedIn(cookieOf(first.response)));

    const again = await call(setup, 'POST', '/api/auth/setup', {
      anonymous: true,
      body: { token, password: 'another password entirely' },
    });
    assert.equal(again.status, 410);
    assert.match(again.json.error.message, /used already, it has expired/);

    const stale = newToken();
    await createSetupToken(db, hashToken(stale), new Date(Date.now() - 1_000));
    assert.equal(
      (await call(setup, 'POST', '/api/auth/setup', { anonymous: true, body: { token: stale, password: PASSWORD } }))
        .status,
      410,
    );
    assert.equal(
      (await call(login, 'POST', '/api/auth/login', { anonymous: true, body: { password: PASSWORD } })).status,
      200,
      'the first password stands',
    );
  });

  test('once the password is set, by passwd or by a link, no setup link sets another; of two setups at once one wins', async () => {
    const { db } = get();
    shareDb(db);
    const link = async () => {
      const token = newToken();
      await createSetupToken(db, hashToken(token), new Date(Date.now() + 15 * 60_000));
      return token;
    };
    const setUp = async (token: string, password: string) =>
      (await call(setup, 'POST', '/api/auth/setup', { anonymous: true, body: { token, password } })).status;
    const signIn = async (password: string) =>
      (await call(login, 'POST', '/api/auth/login', { anonymous: true, body: { password } })).status;

    // the audit's case: a link printed at start, then `agent-studio passwd` (setOwnerPassword), then the link
    await db.query('update users set password_hash = null');
    const printedAtStart = await link();
    await setOwnerPassword(db, await hashPassword(PASSWORD));
    assert.equal(await setUp(printedAtStart, 'a takeover password'), 410);
    assert.equal(await signIn(PASSWORD), 200);

    await db.query('update users set password_hash = null');
    const [first, second, third] = [await link(), await link(), await link()];
    const raced = await Promise.all([
      setUp(first, 'the first racer password'),
      setUp(second, 'the second racer password'),
    ]);
    assert.deepEqual([...raced].sort(), [200, 410]);
    assert.equal(await setUp(third, 'a password after the race'), 410);
    assert.equal(await signIn(raced[0] === 200 ? 'the first racer password' : 'the second racer password'), 200);
  });

  test('every sign-in is a new session; Secure behind https; signing out everywhere ends them all', async () => {
    const { db } = get();
    shareDb(db);
    await setOwnerPassword(db, await hashPassword(PASSWORD));
    const wrong = await call(login, 'POST', '/api/auth/login', {
      anonymous: true,
      body: { password: 'not the password' },
    });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.response.headers.get('set-cookie'), null);

    const a = await call(login, 'POST', '/api/auth/login', { anonymous: true, body: { password: PASSWORD } });
    const b = await call(login, 'POST', '/api/auth/login', {
      anonymous: true,
      headers: { 'x-forwarded-proto': 'https' },
      body: { password: PASSWORD },
    });
    assert.equal(a.status, 200);
    assert.doesNotMatch(a.response.headers.get('set-cookie')!, /Secure/);
    assert.match(b.response.headers.get('set-cookie')!, /; Secure$/);
    const [cookieA, cookieB] = [cookieOf(a.response), cookieOf(b.response)];
    assert.notEqual(cookieA, cookieB);
    assert.ok((await signedIn(cookieA)) && (await signedIn(cookieB)));

    // signing out one browser leaves the other; everywhere ends both
    const out = await call(logout, 'POST', '/api/auth/logout', { anonymous: true, headers: { cookie: cookieA } });
    assert.match(out.response.headers.get('set-cookie')!, /Max-Age=0/);
    assert.equal(await signedIn(cookieA), false);
    assert.equal(await signedIn(cookieB), true);
    const c = cookieOf(
      (await call(login, 'POST', '/api/auth/login', { anonymous: true, body: { password: PASSWORD } })).response,
    );
    await call(logout, 'POST', '/api/auth/logout', {
      anonymous: true,
      headers: { cookie: c },
      body: { everywhere: true },
    });
    assert.equal(await signedIn(cookieB), false);
    assert.equal(await signedIn(c), false);
  });

  test('an API token may not sign the owner out, here or everywhere, nor manage tokens: 403 session_required', async () => {
    const { db } = get();
    shareDb(db);
    await setOwnerPassword(db, await hashPassword(PASSWORD));
    const cookie = cookieOf(
      (await call(login, 'POST', '/api/auth/login', { anonymous: true, body: { password: PASSWORD } })).response,
    );
    const secret = `ast_${newToken()}`;
    const token = await createApiToken(db, {
      name: 'deploy-bot',
      tokenHash: hashToken(secret),
      scopes: ['read', 'control'],
      createdBy: null,
    });
    const asToken = { anonymous: true, headers: { authorization: `Bearer ${secret}` } };

    const refused = [
      await call(logout, 'POST', '/api/auth/logout', { ...asToken, body: { everywhere: true } }),
      await call(logout, 'POST', '/api/auth/logout', asToken),
      await call(createToken, 'POST', '/api/tokens', { ...asToken, body: { name: 'stronger', scopes: ['control'] } }),
      await call(revokeToken, 'DELETE', `/api/tokens/${token.id}`, { ...asToken, params: { id: token.id } }),
    ];
    assert.deepEqual(
      refused.map((r) => [r.status, r.json.error?.code]),
      Array(4).fill([403, 'session_required']),
    );
    assert.equal(refused[0]!.response.headers.get('set-cookie'), null);
    assert.equal(await signedIn(cookie), true, 'the owner’s browser is still signed in');
    assert.notEqual(
      await authenticate(new Headers({ authorization: `Bearer ${secret}` })),
      null,
      'and the token still works',
    );
  });
});
