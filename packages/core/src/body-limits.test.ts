// The studio's server refuses a body announced over the route's limit before reading it: a client that sends
// `Content-Length: 64 MB` and then only a few bytes gets its 413 at once (the server never waits for the rest).
import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { refuseOversizedBody } from './body-limits';

test('a 64 MB sign-in body is refused 413 from its Content-Length, unread; a small one goes through', async () => {
  let read = 0;
  const server = createServer((req, res) => {
    if (refuseOversizedBody(req, res)) return;
    req.on('data', (chunk: Buffer) => (read += chunk.length));
    req.on('end', () => res.end('read'));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  const send = (path: string, length: number, bytes: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-length': length } },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.write(Buffer.alloc(bytes, 0x61)); // the rest never comes: only an answer without it ends this
    });
  try {
    const big = await send('/api/auth/login', 64 * 1024 * 1024, 1024);
    assert.equal(big.status, 413);
    assert.match(JSON.parse(big.body).error.message, /16 KB/);
    assert.equal(read, 0);
    const small = await new Promise<{ status: number }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST' }, (res) =>
        resolve({ status: res.statusCode! }),
      );
      req.on('error', reject);
      req.end('{"password":"x"}');
    });
    assert.equal(small.status, 200);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
