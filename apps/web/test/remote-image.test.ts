// The image proxy behind "Load image": it fetches for the owner's session only, never from this machine or its
// network (by address, by name, or by redirect), and passes on nothing but a bounded raster image.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { shareDb } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { GET as imageRoute } from '@/app/api/gtm/image/route';
import { HttpError } from '@/server/http';
import { fetchRemoteImage, imageResponse, MAX_IMAGE_BYTES } from '@/server/remote-image';
import { apiToken, ownerCookie } from './credentials';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(24)]);
let server: Server;
let base: string;
let requests: string[];

before(async () => {
  server = createServer((req, res) => {
    requests.push(req.url!);
    const [path, query] = req.url!.split('?');
    if (path === '/chart.png') return res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    if (path === '/png-called-html') return res.writeHead(200, { 'content-type': 'text/html' }).end(PNG);
    if (path === '/logo.svg')
      return res
        .writeHead(200, { 'content-type': 'image/svg+xml' })
        .end('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    if (path === '/page')
      return res.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script>');
    if (path === '/huge')
      return res
        .writeHead(200, { 'content-type': 'image/png' })
        .end(Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)]));
    if (path === '/huge-streamed') {
      // no content-length: the limit must hold while reading
      res.writeHead(200, { 'content-type': 'image/png' });
      res.write(PNG);
      for (let i = 0; i < 6; i++) res.write(Buffer.alloc(1024 * 1024));
      return res.end();
    }
    if (path === '/moved') return res.writeHead(302, { location: decodeURIComponent(query ?? '') }).end();
    if (path === '/missing') return res.writeHead(404).end('no');
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

// The test server is on loopback, which the proxy refuses: these tests let it (and only it) through.
const onlyTestServer = { allowAddress: (a: string) => a === '127.0.0.1' };

const failsWith = async (code: string, url: string, opts?: Parameters<typeof fetchRemoteImage>[1]) => {
  requests = [];
  await assert.rejects(fetchRemoteImage(url, opts), (err) => err instanceof HttpError && err.code === code, url);
};

test('a PNG, JPEG, GIF, WebP or AVIF is passed on with the type its bytes show, not the type it claims', async () => {
  requests = [];
  const image = await fetchRemoteImage(`${base}/png-called-html`, onlyTestServer);
  assert.equal(image.type, 'image/png');
  assert.deepEqual(image.bytes, PNG);
  const res = imageResponse(image);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-security-policy')!, /sandbox/);
  // by name: the checked lookup hands net the addresses it allowed
  const byName = await fetchRemoteImage(`${base.replace('127.0.0.1', 'localhost')}/chart.png`, {
    allowAddress: (a) => a === '127.0.0.1' || a === '::1',
  });
  assert.equal(byName.type, 'image/png');
});

test('SVG, HTML dressed as an image, 404s and anything over 5 MB are refused alike (502 image_unavailable)', async () => {
  for (const path of ['/logo.svg', '/page', '/missing', '/huge', '/huge-streamed'])
    await failsWith('image_unavailable', `${base}${path}`, onlyTestServer);
  await failsWith('image_unavailable', 'http://127.0.0.1:1/nothing-listens.png', onlyTestServer);
});

test('redirects are followed (at most 3) and each target is checked again', async () => {
  const image = await fetchRemoteImage(`${base}/moved?${encodeURIComponent('/chart.png')}`, onlyTestServer);
  assert.equal(image.type, 'image/png');
  const port = base.split(':')[2];
  await failsWith(
    'address_not_allowed',
    `${base}/moved?${encodeURIComponent(`http://[::1]:${port}/chart.png`)}`,
    onlyTestServer,
  );
  await failsWith('address_not_allowed', `${base}/moved?${encodeURIComponent(`http://localhost:${port}/chart.png`)}`, {
    allowAddress: (a) => a === '127.0.0.1' && requests.length === 0,
  });
  await failsWith('image_unavailable', `${base}/moved?${encodeURIComponent('file:///etc/passwd')}`, onlyTestServer);
  let chain = '/chart.png';
  for (let i = 0; i < 4; i++) chain = `/moved?${encodeURIComponent(chain)}`;
  await failsWith('image_unavailable', `${base}${chain}`, onlyTestServer);
});

// Only this machine's addresses are tried here: were the check broken, a LAN or metadata address would really be
// contacted. Which ranges count as private is core's isPrivateAddress, tested with the webhooks.
test('this machine is refused before any connection, by address in any spelling or by name', async () => {
  const port = base.split(':')[2];
  for (const url of [
    `${base}/chart.png`,
    `http://localhost:${port}/chart.png`,
    `http://[::1]:${port}/chart.png`,
    `http://[::ffff:127.0.0.1]:${port}/chart.png`,
    `http://2130706433:${port}/chart.png`,
    `http://0x7f.1:${port}/chart.png`,
    `http://0.0.0.0:${port}/chart.png`,
  ]) {
    await failsWith('address_not_allowed', url);
    assert.deepEqual(requests, [], `${url} reached the server`);
  }
});

describeEachDriver('GET /api/gtm/image', (get) => {
  test('for the owner’s session only, http(s) URLs only; refusals are JSON errors', async () => {
    const { db } = get();
    shareDb(db);
    const asOwner = { cookie: await ownerCookie(db, 60_000) };
    const secret = await apiToken(db, { name: 'reader', scopes: ['read', 'control'] });
    const image = async (url: string, headers: Record<string, string> = asOwner) => {
      const res = await imageRoute(
        new Request(`http://studio.test/api/gtm/image?url=${encodeURIComponent(url)}`, { headers }),
      );
      return { status: res.status, json: await res.json() };
    };

    assert.equal(
      (await image(`${base}/chart.png`, { authorization: `Bearer ${secret}` })).json.error.code,
      'session_required',
    );
    assert.equal((await image(`${base}/chart.png`, {})).status, 403);
    for (const url of [
      'javascript:alert(1)',
      'data:image/png;base64,iVBORw0KGgo=',
      'file:///etc/passwd',
      'ftp://example.com/x.png',
      'not a url',
    ]) {
      assert.equal((await image(url)).status, 400, url);
    }
    requests = [];
    const local = await image(`${base}/chart.png`);
    assert.equal(local.status, 403);
    assert.equal(local.json.error.code, 'address_not_allowed');
    assert.deepEqual(requests, []);
  });
});
