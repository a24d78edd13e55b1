// The sign-in limit: 10 failed sign-ins per client address in 15 minutes. The address is the one the studio's
// own server vouches for (the socket's, or a trusted proxy's X-Forwarded-For); no header a client sends moves
// it, and attempts sent at once cannot outrun it.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, beforeEach, test } from 'node:test';
import { trustedProxies, vouchForClient } from '@agent-studio/core/client-address';
import { hashPassword } from '@agent-studio/core/secrets';
import { setOwnerPassword, shareDb } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { POST as login } from '@/app/api/auth/login/route';

const PASSWORD = 'a long enough owner password';
const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;
/** The route called in-process, the way plain `next start` would pass a request on: headers as the client sent them. */
const signIn = async (password: string, headers: Record<string, string> = {}) =>
  (
    await login(
      new Request('http://studio.test/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ password }),
      }),
    )
  ).status;

/** The login route behind the studio's server's first step, as web-server.ts runs it (Next's part is a plain Request). */
function studioServer(trusted: string[]): Server {
  const isTrusted = trustedProxies(trusted);
  return createServer((req, res) => {
    vouchForClient(req, isTrusted);
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
      const response = await login(
        new Request(`http://studio.test${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
      );
      res.writeHead(response.status).end();
    })();
  });
}

/** POSTs a password to the server from a chosen loopback address (127.0.0.0/8 is all this machine's). */
function signInFrom(
  server: Server,
  from: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        localAddress: from,
        method: 'POST',
        path: '/api/auth/login',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ password }));
  });
}

describeEachDriver('sign-in limit', (get) => {
  before(async () => {
    shareDb(get().db);
    await setOwnerPassword(get().db, await hashPassword(PASSWORD));
  });
  beforeEach(async () => {
    await get().db.query('delete from login_failures');
  });

  test('60 wrong passwords at once: at most 10 are checked, the rest get 429', async () => {
    const statuses = await Promise.all(Array.from({ length: 60 }, () => signIn('not the password')));
    assert.deepEqual([count(statuses, 401), count(statuses, 429)], [10, 50]);
  });

  test('headers a client sends do not change whom it counts as: 25 wrong passwords with new addresses in them get 429 from the 11th', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 25; i++) {
      const headers = {
        'x-forwarded-for': `198.51.100.${i}`,
        'x-real-ip': `198.51.100.${i}`,
        'x-studio-remote-addr': `203.0.113.${i}`,
        'x-studio-remote-addr-key': 'a guess',
      };
      statuses.push(await signIn('not the password', headers));
    }
    assert.deepEqual(statuses, [...Array(10).fill(401), ...Array(15).fill(429)]);
  });

  test('through the studio’s server: the socket counts, a victim’s address in a header locks out only the sender; a trusted proxy’s X-Forwarded-For is believed', async () => {
    const server = studioServer(['127.0.0.4']);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const victim = '127.0.0.2';
      const claimsToBeVictim = { 'x-forwarded-for': victim, 'x-studio-remote-addr': victim };
      const attacker: number[] = [];
      for (let i = 0; i < 11; i++)
        attacker.push(await signInFrom(server, '127.0.0.3', 'not the password', claimsToBeVictim));
      assert.deepEqual(attacker, [...Array(10).fill(401), 429]);
      assert.equal(await signInFrom(server, victim, PASSWORD), 200, 'the victim is not locked out');

      // behind the proxy at 127.0.0.4: the client is the address it appended, not one the client wrote before it
      const behindProxy: number[] = [];
      for (let i = 0; i < 10; i++)
        behindProxy.push(
          await signInFrom(server, '127.0.0.4', 'not the password', {
            'x-forwarded-for': `192.0.2.${i + 10}, 192.0.2.1`,
          }),
        );
      assert.deepEqual(behindProxy, Array(10).fill(401));
      assert.equal(await signInFrom(server, '127.0.0.4', 'not the password', { 'x-forwarded-for': '192.0.2.1' }), 429);
      assert.equal(
        await signInFrom(server, '127.0.0.4', PASSWORD, { 'x-forwarded-for': '192.0.2.2' }),
        200,
        'another client of the proxy',
      );
      // an untrusted sender's X-Forwarded-For is not believed: 127.0.0.3 is still locked out
      assert.equal(await signInFrom(server, '127.0.0.3', PASSWORD, { 'x-forwarded-for': '192.0.2.3' }), 429);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
