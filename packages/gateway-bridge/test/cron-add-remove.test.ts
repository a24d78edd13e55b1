// Creating and deleting OpenClaw jobs from the studio (issue 16 item 5): a `cron.add` / `cron.remove` command
// runs through the gateway, the mirror shows the result, and the activity log says who did it. On the
// simulator and both database drivers; the same against a real OpenClaw in the web lab e2e (control-lab).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { enqueueCommand, getCommand, getCronJob, listActivity, type Db } from '@agent-studio/database';
import { newJobSchema } from '@agent-studio/core';
import type { Bridge } from '../src/bridge';
import { bridgeOnSimulator } from './sim-bridge';
import { cronAddParams } from '../src/commands/cron-add';
import { GatewaySimulator } from '../src/simulator/gateway-simulator';

/** An isolated job every hour, as the studio's new-job form sends it: never due while a test watches. */
const hourlyJob = (name: string, message: string) =>
  newJobSchema.parse({ name, schedule: { kind: 'every', everyMs: 3_600_000 }, session: 'isolated', message });

describeEachDriver('cron.add and cron.remove through the gateway', (get) => {
  let sim: GatewaySimulator;
  let bridge: Bridge;
  let dir: string;
  let db: Db;

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-cron-add-'));
    sim = new GatewaySimulator('test-token');
    await sim.start();
    bridge = await bridgeOnSimulator(db, sim, dir, 'test-bridge', { gtmDir: join(dir, 'gtm') });
  });
  after(async () => {
    await bridge?.stop();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const settled = (id: string) =>
    until('command settled', async () => {
      const c = await getCommand(db, id);
      return c && (c.status === 'succeeded' || c.status === 'failed') && c;
    });

  test('a new job is created in OpenClaw with its schedule, zone, agent, message and delivery, and answers with its studio id', async () => {
    const job = newJobSchema.parse({
      name: 'Friday recap',
      description: 'What shipped this week',
      agentId: 'writer',
      schedule: { kind: 'cron', expr: '0 16 * * 5' },
      timezone: 'Europe/Berlin',
      session: 'isolated',
      message: 'Write the weekly recap.',
      timeoutSeconds: 120,
      delivery: { mode: 'webhook', to: 'https://example.com/hook' },
    });
    const cmd = await enqueueCommand(db, 'cron.add', job, { target: { kind: 'cron_job', id: null, label: job.name } });
    const done = await settled(cmd.id);
    assert.equal(done.status, 'succeeded', done.error ?? '');
    const result = done.result as { jobId: string; openclawId: string };
    const inGateway = sim.jobs.get(result.openclawId)!;
    assert.equal(inGateway.name, 'Friday recap');
    assert.deepEqual(inGateway.schedule, { kind: 'cron', expr: '0 16 * * 5', tz: 'Europe/Berlin' });
    assert.equal(inGateway.agentId, 'writer');
    const row = (await getCronJob(db, result.jobId))!;
    assert.equal(row.name, 'Friday recap');
    assert.equal(row.timezone, 'Europe/Berlin');
    assert.equal(row.command, 'Write the weekly recap.');
    // the activity entry names the job and, once created, links it
    const [entry] = (await listActivity(db, { action: 'cron.add', limit: 1 })).rows;
    assert.equal(entry?.outcome, 'succeeded');
    assert.equal(entry?.target_label, 'Friday recap');
    assert.equal(entry?.target_id, result.jobId);
  });

  test('a claim repeated after a bridge restart does not add the job twice', async () => {
    const job = hourlyJob('Once only', 'hi');
    const jobsBefore = sim.jobs.size;
    const cmd = await enqueueCommand(db, 'cron.add', job);
    const done = await settled(cmd.id);
    assert.equal(done.status, 'succeeded', done.error ?? '');
    // run the same command again, as a second claim does when the bridge died before recording the answer
    await db.query(`update commands set status = 'queued', finished_at = null where id = $1`, [cmd.id]);
    await db.query(`select pg_notify('studio_commands', $1)`, [cmd.id]);
    const again = await until('re-run settled', async () => {
      const c = await getCommand(db, cmd.id);
      return c && c.attempts > 1 && (c.status === 'succeeded' || c.status === 'failed') && c;
    });
    assert.equal(again.status, 'succeeded', again.error ?? '');
    assert.equal(sim.jobs.size, jobsBefore + 1);
    assert.equal((again.result as { jobId: string }).jobId, (done.result as { jobId: string }).jobId);
  });

  test('a main-session job is a system event; a one-time job keeps deleteAfterRun as chosen', async () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const job = newJobSchema.parse({
      name: 'Reminder',
      schedule: { kind: 'at', at },
      session: 'main',
      message: 'Check the calendar',
      wakeMode: 'next-heartbeat',
      deleteAfterRun: false,
    });
    const params = cronAddParams(job, 'k');
    assert.deepEqual(params.payload, { kind: 'systemEvent', text: 'Check the calendar' });
    assert.equal(params.sessionTarget, 'main');
    assert.equal(params.wakeMode, 'next-heartbeat');
    assert.equal(params.deleteAfterRun, false);
    const done = await settled((await enqueueCommand(db, 'cron.add', job)).id);
    assert.equal(done.status, 'succeeded', done.error ?? '');
    const row = (await getCronJob(db, (done.result as { jobId: string }).jobId))!;
    assert.equal(row.schedule_kind, 'at');
  });

  test('a removed job leaves OpenClaw and is marked removed in the studio; removing it again says so', async () => {
    const job = hourlyJob('Short-lived', 'bye');
    const added = await settled((await enqueueCommand(db, 'cron.add', job)).id);
    const { jobId, openclawId } = added.result as { jobId: string; openclawId: string };
    const removed = await settled(
      (await enqueueCommand(db, 'cron.remove', { jobId }, { target: { kind: 'cron_job', id: jobId, label: job.name } }))
        .id,
    );
    assert.equal(removed.status, 'succeeded', removed.error ?? '');
    assert.equal(sim.jobs.has(openclawId), false);
    assert.ok((await getCronJob(db, jobId))?.removed_at, 'marked removed by the time the command answers');
    const again = await settled((await enqueueCommand(db, 'cron.remove', { jobId })).id);
    assert.equal(again.status, 'failed');
    assert.match(again.error ?? '', /no longer exists/);
  });
});
