// Reading request bodies: a body that announces no length (chunked) is read only up to the route's limit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { gtmPatchBody, loginBody } from '@agent-studio/core/api';
import { HttpError, parseBody } from '@/server/http';

const MB = 1024 * 1024;

/** A chunked body of `size` bytes, made as it is read; `read()` tells how much was. */
function chunkedBody(size: number, chunk = 64 * 1024) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= size) return controller.close();
        controller.enqueue(new Uint8Array(chunk).fill(0x20));
        sent += chunk;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, read: () => sent };
}

const post = (path: string, body: BodyInit) =>
  new Request(`http://studio.test${path}`, { method: 'POST', body, duplex: 'half' } as RequestInit);

test('a chunked body past the route limit is refused with 413 once the limit is passed, not read to its end', async () => {
  const body = chunkedBody(64 * MB);
  await assert.rejects(
    parseBody(loginBody, post('/api/auth/login', body.stream)),
    (err) => err instanceof HttpError && err.status === 413 && /16 KB/.test(err.message),
  );
  assert.ok(body.read() <= 16 * 1024 + 64 * 1024, `read ${body.read()} bytes`);

  const other = chunkedBody(4 * MB);
  await assert.rejects(
    parseBody(z.object({}), post('/api/webhooks', other.stream)),
    (err) => err instanceof HttpError && err.status === 413,
  );
  assert.ok(other.read() < 2 * MB);
});

test('the longest content edit the schema allows fits its route, in any script', async () => {
  const content_md = '字'.repeat(2_000_000); // 3 bytes each in UTF-8: 6 MB
  const body = await parseBody(
    gtmPatchBody,
    post('/api/gtm/outputs/00000000-0000-4000-8000-000000000000', JSON.stringify({ content_md, baseRevision: 1 })),
  );
  assert.equal(body.content_md?.length, 2_000_000);
});
