// Two gateways, two bridges, one database (issue 18, step 2: a bridge per gateway), on both drivers. Each bridge
// mirrors its own gateway's jobs (the same OpenClaw job id on both stays two rows), runs only its own gateway's
// commands (a "run now" for B's job runs on B; A never hears of it) and keeps its own checkpoints; one gateway
// stopped leaves the other's mirror live.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  createGateway,
  enqueueCommand,
  getCheckpoint,
  getCommand,
  getCronJobByExternalId,
  getGateway,
  listCronRuns,
  listRecentEvents,
  type Db,
  type GatewayRow,
} from '@agent-studio/database';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import type { Bridge } from '../src/bridge';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';
import { hourlyJob } from './kit/sim-jobs';
import { bridgeOnSimulator } from './sim-bridge';

/** One gateway of the fleet: its simulator, its row and the bridge serving it. */
interface Member {
  sim: GatewaySimulator;
  row: GatewayRow;
  bridge: Bridge;
}

describeEachDriver('two gateways, a bridge each, one database', (get) => {
  let db: Db;
  let dir: string;
  let a: Member;
  let b: Member;

  const member = async (name: string): Promise<Member> => {
    const sim = new GatewaySimulator();
    await sim.start();
    // the same OpenClaw job id on both gateways, a different job behind it
    sim.addJob({ ...hourlyJob(`${name} digest`), id: 'digest' });
    const row = await createGateway(db, name);
    const home = join(dir, name);
    const bridge = await bridgeOnSimulator(db, sim, home, `bridge-${name}@fleet-test`, {
      gatewayId: row.id,
      gtmDir: join(home, 'gtm'),
    });
    return { sim, row, bridge };
  };
  const digestOf = (m: Member) =>
    until(`${m.row.name}'s digest mirrored`, () => getCronJobByExternalId(db, 'openclaw', 'digest', m.row.id));

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-fleet-'));
    a = await member('alpha');
    b = await member('beta');
  });
  after(async () => {
    for (const m of [a, b]) {
      await m?.bridge.stop();
      await m?.sim.stop();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  test('each bridge mirrors its own gateway: the same job id on both is two rows', async () => {
    const [ours, theirs] = [await digestOf(a), await digestOf(b)];
    assert.notEqual(ours.id, theirs.id);
    assert.equal(ours.name, 'alpha digest');
    assert.equal(theirs.name, 'beta digest');
    assert.equal(ours.gateway_id, a.row.id);
    assert.equal(theirs.gateway_id, b.row.id);
    for (const m of [a, b]) {
      const status = await until(`${m.row.name} connected`, async () => {
        const s = await getCheckpoint<{ connected: boolean }>(db, 'gateway', 'status', m.row.id);
        return s?.connected && s;
      });
      assert.equal(status.connected, true, 'each bridge keeps its own gateway status');
      // and says which gateway came up (the dashboard's feed names it)
      const events = await listRecentEvents(db, { types: ['gateway.status'], limit: 50 });
      assert.ok(
        events.some((e) => e.type === 'gateway.status' && e.payload.connected && e.payload.gatewayId === m.row.id),
      );
      assert.equal((await getGateway(db, m.row.id))?.served_by, `bridge-${m.row.name}@fleet-test`);
      // the watchdog judges each gateway's jobs up to when its own bridge had their runs
      await until(`${m.row.name}'s runs known`, async () => (await getGateway(db, m.row.id))?.runs_known_at);
    }
  });

  test("a run queued for B's job runs on B only; A's gateway never sees it", async () => {
    const job = await digestOf(b);
    const cmd = await enqueueCommand(db, 'cron.run', { jobId: job.id, triggerType: 'manual' }, { gatewayId: b.row.id });
    assert.equal(cmd.gateway_id, b.row.id);
    const done = await until('the run command finished', async () => {
      const c = await getCommand(db, cmd.id);
      return (c?.status === 'succeeded' || c?.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    assert.equal(done.claimed_by, 'bridge-beta@fleet-test');
    await until('B finished the run', async () => b.sim.runs.some((r) => r.jobId === 'digest'));
    assert.equal(a.sim.runs.length, 0, 'A ran nothing');
    assert.equal(a.sim.jobs.get('digest')!.state.runningAtMs, undefined, 'A is running nothing');
    const runId = (done.result as { runId?: string }).runId;
    assert.ok(runId);
    const runs = await until("B's run mirrored", async () => {
      const r = await listCronRuns(db, { jobId: job.id });
      return r.rows.length === 1 && r.rows;
    });
    assert.equal(runs[0]!.id, runId);
    assert.equal(runs[0]!.gateway_id, b.row.id);
    assert.equal((await listCronRuns(db, { jobId: (await digestOf(a)).id })).rows.length, 0);
  });

  test("A's gateway stopped: A is disconnected, B's mirror stays live and its commands still run", async () => {
    await a.sim.stop();
    await until('alpha disconnected', async () => (await getGateway(db, a.row.id))?.state === 'disconnected');
    assert.equal((await getCheckpoint<{ connected: boolean }>(db, 'gateway', 'status', a.row.id))?.connected, false);
    assert.equal((await getCheckpoint<{ connected: boolean }>(db, 'gateway', 'status', b.row.id))?.connected, true);
    assert.equal((await getGateway(db, b.row.id))?.state, 'connected');

    b.sim.addJob({ ...hourlyJob('beta report'), id: 'report' });
    const report = await until("B's new job mirrored", () =>
      getCronJobByExternalId(db, 'openclaw', 'report', b.row.id),
    );
    assert.equal(report.name, 'beta report');
    const cmd = await enqueueCommand(
      db,
      'cron.run',
      { jobId: report.id, triggerType: 'manual' },
      { gatewayId: b.row.id },
    );
    const done = await until('the run command finished', async () => {
      const c = await getCommand(db, cmd.id);
      return (c?.status === 'succeeded' || c?.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
  });
});
