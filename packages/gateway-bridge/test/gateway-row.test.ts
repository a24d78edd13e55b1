// The bridge keeps its gateway's row in `gateways` current (issue 18): the URL it reaches the gateway at, the
// version its hello gave, the machine it runs on, whether it is connected, when it was last seen, and which
// bridge serves it; a gateway that goes away is disconnected, with the reason, its version and last sight kept.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_GATEWAY_ID, getGateway, type GatewayRow } from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import type { Bridge } from '../src/bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { hostOf } from '../src/sources/gateway-connection';
import { bridgeOnSimulator } from './sim-bridge';

describeEachDriver('the gateway row', (get) => {
  let sim: GatewaySimulator;
  let bridge: Bridge;
  let dir: string;
  let url: string;
  let connected: GatewayRow;

  before(async () => {
    sim = new GatewaySimulator();
    url = await sim.start();
    dir = mkdtempSync(join(tmpdir(), 'studio-gateway-row-'));
    bridge = await bridgeOnSimulator(get().db, sim, dir, 'bridge@row-test', { gtmDir: join(dir, 'gtm') });
  });
  after(async () => {
    await bridge?.stop();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('connected: its URL, version, host, last sight and the bridge serving it', async () => {
    connected = await until('the gateway row says connected', async () => {
      const row = await getGateway(get().db, DEFAULT_GATEWAY_ID);
      return row?.state === 'connected' && row;
    });
    assert.equal(connected.url, url);
    assert.equal(connected.openclaw_version, sim.version);
    assert.equal(connected.host, hostname(), 'a gateway on loopback runs on this machine');
    assert.equal(connected.served_by, 'bridge@row-test');
    assert.equal(connected.last_error, null);
    assert.ok(connected.last_seen_at);
  });

  test('gone: disconnected with the reason; its version and last sight kept', async () => {
    await sim.stop();
    const gone = await until('the gateway row says disconnected', async () => {
      const row = await getGateway(get().db, DEFAULT_GATEWAY_ID);
      return row?.state === 'disconnected' && row;
    });
    assert.ok(gone.last_error);
    assert.equal(gone.openclaw_version, connected.openclaw_version);
    assert.ok(gone.last_seen_at!.getTime() >= connected.last_seen_at!.getTime());
    assert.equal(gone.url, url);
  });
});

test("a gateway's host: its URL's, or this machine's for one on loopback", () => {
  assert.equal(hostOf('ws://gateway.lan:18789'), 'gateway.lan');
  assert.equal(hostOf('wss://10.0.0.7:18789/ws'), '10.0.0.7');
  assert.equal(hostOf('ws://127.0.0.1:18789'), hostname());
  assert.equal(hostOf('ws://localhost:18789'), hostname());
  assert.equal(hostOf('ws://[::1]:18789'), hostname());
  assert.equal(hostOf('not a url'), null);
});
