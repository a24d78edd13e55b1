// The scene of the tests that run bridges as processes on Postgres and check the mirror against the gateway's own
// lists: a fresh database, a simulated gateway, an operator's client of it, and a folder with a GTM folder in it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before } from 'node:test';
import { join } from 'node:path';
import { createPostgresDatabase, type TestDatabase } from '@agent-studio/database/testing';
import type { GatewayClient } from '../../src/gateway/client';
import { GatewaySimulator } from '../../src/simulator/gateway-simulator';
import { startOperator } from './operator';

export interface ProcessScene {
  t: TestDatabase;
  sim: GatewaySimulator;
  op: GatewayClient;
  dir: string;
}

/** The scene, set up before the file's tests and torn down after them; its parts are there once a test runs. */
export function processScene(name: string, token: string): ProcessScene {
  let scene: ProcessScene | undefined;
  before(async () => {
    const t = await createPostgresDatabase();
    const dir = mkdtempSync(join(tmpdir(), `studio-${name}-`));
    mkdirSync(join(dir, 'gtm'));
    const sim = new GatewaySimulator(token);
    await sim.start();
    scene = { t, sim, dir, op: startOperator(sim, join(dir, 'operator')) };
  });
  after(async () => {
    await scene?.op.stop();
    await scene?.sim.stop();
    await scene?.t.drop();
    if (scene) rmSync(scene.dir, { recursive: true, force: true });
  });
  const part = <K extends keyof ProcessScene>(key: K): ProcessScene[K] => {
    if (!scene) throw new Error('the scene is set up before the tests run');
    return scene[key];
  };
  return {
    get t() {
      return part('t');
    },
    get sim() {
      return part('sim');
    },
    get op() {
      return part('op');
    },
    get dir() {
      return part('dir');
    },
  };
}
