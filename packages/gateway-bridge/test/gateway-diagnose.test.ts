// The Connect page's connection test names the step that fails: config, URL, token (pairing and version
// against the real gateway in the web lab e2e). On the simulator and temp config files.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { diagnoseGateway } from '../src/gateway/diagnose';
import { loadOrCreateDevice } from '../src/gateway/device-identity';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';

let sim: GatewaySimulator;
let dir: string;
let port: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-diagnose-'));
  sim = new GatewaySimulator('right-token');
  port = Number(new URL(await sim.start()).port);
});
after(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const device = () => loadOrCreateDevice(dir);
const config = (body: object) => {
  const path = join(dir, `openclaw-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(body));
  return path;
};
const outcome = (d: Awaited<ReturnType<typeof diagnoseGateway>>) =>
  d.steps.map((s) => `${s.step}:${s.ok === null ? '-' : s.ok ? 'ok' : 'FAIL'}`).join(' ');

test('all steps pass against a working gateway, from OpenClaw’s config file', async () => {
  const path = config({ gateway: { port, auth: { token: 'right-token' } } });
  const d = await diagnoseGateway({ env: { OPENCLAW_CONFIG_PATH: path } }, device(), 'test');
  assert.equal(outcome(d), 'config:ok url:ok token:ok pairing:ok version:ok');
  assert.equal(d.failed, null);
  assert.equal(d.config?.path, path);
  assert.equal(d.config?.urlFrom, 'gateway.port');
  assert.equal(d.config?.tokenFrom, 'gateway.auth.token');
  assert.equal(d.version, sim.version);
  assert.ok(!JSON.stringify(d).includes('right-token'), 'the token itself is never in the answer');
});

test('a missing config fails at config, saying where it looked', async () => {
  const d = await diagnoseGateway(
    { env: { OPENCLAW_CONFIG_PATH: join(dir, 'nowhere/openclaw.json') } },
    device(),
    'test',
  );
  assert.equal(d.failed, 'config');
  assert.equal(outcome(d), 'config:FAIL url:- token:- pairing:- version:-');
  assert.match(d.steps[0]!.detail, /not found at .*nowhere\/openclaw\.json/);
  assert.equal(d.config?.pathFrom, 'OPENCLAW_CONFIG_PATH');
});

test('a wrong port fails at url; an HTTP server that is not a gateway too', async () => {
  const closed = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const refused = await diagnoseGateway(
    { env: { OPENCLAW_CONFIG_PATH: config({ gateway: { port: closed, auth: { token: 'right-token' } } }) } },
    device(),
    'test',
  );
  assert.equal(refused.failed, 'url');
  assert.match(refused.steps[1]!.detail, /connection refused/);
  const http = createServer((_req, res) => res.end('hello')).listen(0, '127.0.0.1');
  await new Promise((r) => http.once('listening', r));
  try {
    const d = await diagnoseGateway(
      { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, token: 'x' },
      device(),
      'test',
    );
    assert.equal(d.failed, 'url');
    assert.match(d.steps[1]!.detail, /HTTP 200/);
  } finally {
    http.close();
  }
});

test('a wrong token fails at token, naming where the studio’s token came from', async () => {
  const d = await diagnoseGateway(
    { env: { OPENCLAW_CONFIG_PATH: config({ gateway: { port } }), OPENCLAW_GATEWAY_TOKEN: 'wrong-token' } },
    device(),
    'test',
  );
  assert.equal(outcome(d), 'config:ok url:ok token:FAIL pairing:- version:-');
  assert.match(d.steps[2]!.fix ?? '', /OPENCLAW_GATEWAY_TOKEN/);
});
