// Standby bridges (issue 18, step 3), as processes on Postgres beside one simulated gateway: two
// `agent-studio bridge --gateway vps`, of which one holds the gateway's lease and works (connects, mirrors, claims
// commands, runs the studio-wide workers) and the other waits. The holder is stopped (SIGSTOP: it stops
// renewing, as a lost host does), a command is queued for the gateway, and it is SIGKILLed while the gateway
// keeps running jobs: the standby takes both leases over, and in the end every run is mirrored exactly once and
// the command ran exactly once. And a holder only frozen (a host lost, its connections still open): the standby
// takes over, the command queued meanwhile runs; thawed, the old holder finds the lease gone and stops working.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  enqueueCommand,
  findGateway,
  gatewayLeaseKey,
  getCommand,
  getCronJobByExternalId,
  getGateway,
  getLease,
  listCronRuns,
  STUDIO_LEASE_KEY,
} from '@agent-studio/database';
import { until } from '@agent-studio/database/testing';
import { gatewayRuns, mirrorCatchesUp } from './faults/mirror-check';
import { bridgeProcess } from './kit/bridge-process';
import { processScene } from './kit/process-scene';
import { hourlyJob } from './kit/sim-jobs';

const scene = processScene('standby', 'standby-token');

/** A bridge for `gateway` with a data folder of its own (its own device), as on another host. */
const start = (name: string, gateway = 'vps') =>
  bridgeProcess({
    gateway: scene.sim,
    dataDir: join(scene.dir, name),
    gtmDir: join(scene.dir, 'gtm'),
    databaseUrl: scene.t.url,
    args: ['--gateway', gateway],
  });

/** The bridge process holding a lease (holders are `<worker>#<pid>.<random>`). */
const holderPid = (holder: string | undefined) => Number(/#(\d+)\./.exec(holder ?? '')?.[1]);

test('two bridges for one gateway: one works, the other takes over when it is killed, nothing lost or doubled', async () => {
  const { t, sim, op } = scene;
  const manual = sim.addJob({ ...hourlyJob('run on demand'), id: 'on-demand' });
  const busy = ['alpha', 'beta'].map((name) => sim.addJob(hourlyJob(`busy ${name}`)));
  const a = start('a');
  const b = start('b');
  let activity: ReturnType<typeof setInterval> | undefined;
  try {
    await twoBridgesTakeOver();
  } finally {
    clearInterval(activity);
    // on a failure too: a bridge left running would stay connected to the gateway the next test counts on
    for (const p of [a, b]) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    const survivor = a.child.signalCode === 'SIGKILL' ? b : a;
    assert.equal(await survivor.ended, 0, survivor.output());
    await Promise.all([a.ended, b.ended]);
  }

  async function twoBridgesTakeOver() {
    const vps = await until('the gateway "vps" exists', () => findGateway(t.db, 'vps'));
    const key = gatewayLeaseKey(vps.id);
    const first = await until('a bridge holds the gateway', async () => (await getLease(t.db, key))?.holder);
    const [holder, standby] = holderPid(first) === a.child.pid ? [a, b] : [b, a];
    assert.equal(holderPid(first), holder.child.pid);
    await until('the other waits, naming the holder', async () =>
      standby.output().includes(`standby for gateway vps, held by ${first}`),
    );
    await until('the job mirrored', () => getCronJobByExternalId(t.db, 'openclaw', manual.id, vps.id));
    assert.equal(sim.connectedClients, 2, 'the operator and one bridge are connected; the standby is not');
    assert.equal((await getGateway(t.db, vps.id))?.served_by, first);
    // the studio-wide workers run on one of the two: the leases are taken apart (the first bridge to hold the
    // gateway starts its work before it asks for the studio's, which the other may take meanwhile)
    const studioHolder = await until(
      'a bridge holds the studio lease',
      async () => (await getLease(t.db, STUDIO_LEASE_KEY))?.holder,
    );
    assert.ok([a, b].some((p) => holderPid(studioHolder) === p.child.pid));
    assert.doesNotMatch(standby.output(), /took the lease on gateway/);

    // the gateway keeps working: a run every 100 ms
    let n = 0;
    activity = setInterval(() => {
      sim.runJob(busy[n++ % busy.length]!.id, { durationMs: 100 + Math.random() * 300, summary: `run ${n}` });
    }, 100);
    await until('runs mirrored', async () => (await listCronRuns(t.db, { limit: 5 })).rows.length >= 5);

    // the holder stops renewing (frozen, as a host lost), a command is queued meanwhile, then it dies
    const job = (await getCronJobByExternalId(t.db, 'openclaw', manual.id, vps.id))!;
    holder.child.kill('SIGSTOP');
    // the frozen bridge may hold a transaction open (the events lock): the command is asked for now and lands
    // once the kill ends that transaction; either way no bridge but the standby can claim it
    const queued = enqueueCommand(t.db, 'cron.run', { jobId: job.id, triggerType: 'manual' }, { gatewayId: vps.id });
    holder.child.kill('SIGKILL');
    assert.equal(await holder.ended, 'SIGKILL');
    const cmd = await queued;

    const next = await until('the standby holds the gateway', async () => {
      const h = (await getLease(t.db, key))?.holder;
      return h && h !== first && h;
    });
    assert.equal(holderPid(next), standby.child.pid);
    await until('its log says so', async () => standby.output().includes('took the lease on gateway vps'));
    await until('it serves it', async () => (await getGateway(t.db, vps.id))?.served_by === next);
    await until(
      'and runs the studio-wide workers',
      async () => (await getLease(t.db, STUDIO_LEASE_KEY))?.holder === next,
    );
    const done = await until('the command queued before the kill finished', async () => {
      const c = await getCommand(t.db, cmd.id);
      return (c?.status === 'succeeded' || c?.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    assert.equal(done.attempts, 1, 'claimed once');
    assert.equal(done.claimed_by, next, 'by the bridge that took over (two bridges of one host share a worker name)');
    const atTakeover = n;
    await until('the gateway ran more after the takeover', async () => n >= atTakeover + 10);
    clearInterval(activity);
    const counts = await mirrorCatchesUp(t.db, op);
    assert.ok(counts.runs >= 10, `the gateway ran ${counts.runs} runs`);
    const onDemand = (await gatewayRuns<{ jobId: string }>(op)).filter((r) => r.jobId === manual.id);
    assert.equal(onDemand.length, 1, 'the queued command ran once on the gateway');
  }
});

test('a frozen holder (a host lost) is taken over; thawed, it finds the lease gone and stops working', async () => {
  const { t, sim } = scene;
  const job = sim.addJob({ ...hourlyJob('run on the LAN'), id: 'lan-job' });
  const c = start('c', 'lan');
  const d = start('d', 'lan');
  try {
    const lan = await until('the gateway "lan" exists', () => findGateway(t.db, 'lan'));
    const key = gatewayLeaseKey(lan.id);
    const first = await until('a bridge holds it', async () => (await getLease(t.db, key))?.holder);
    const [frozen, standby] = holderPid(first) === c.child.pid ? [c, d] : [d, c];
    const row = await until('its job mirrored', () => getCronJobByExternalId(t.db, 'openclaw', job.id, lan.id));

    frozen.child.kill('SIGSTOP');
    // asked for while the holder is frozen, perhaps holding a lock: the server ends its transaction in time
    const cmd = await enqueueCommand(t.db, 'cron.run', { jobId: row.id, triggerType: 'manual' }, { gatewayId: lan.id });
    const next = await until('the standby holds the gateway', async () => {
      const h = (await getLease(t.db, key))?.holder;
      return h && h !== first && h;
    });
    assert.equal(holderPid(next), standby.child.pid);
    const done = await until('the command ran', async () => {
      const got = await getCommand(t.db, cmd.id);
      return (got?.status === 'succeeded' || got?.status === 'failed') && got;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');

    frozen.child.kill('SIGCONT');
    await until('thawed, the old holder gives up', async () =>
      frozen.output().includes('lost the lease on gateway lan'),
    );
    await until('and disconnects: the operator and the new holder remain', async () => sim.connectedClients === 2);
    assert.equal((await getGateway(t.db, lan.id))?.served_by, next, 'the row names the new holder');
    assert.equal((await getLease(t.db, key))?.holder, next);
  } finally {
    for (const p of [c, d]) p.child.kill('SIGCONT');
    for (const p of [c, d]) p.child.kill('SIGTERM');
    for (const p of [c, d]) assert.equal(await p.ended, 0, p.output());
  }
});
