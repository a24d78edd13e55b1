// The command queue: each command is run by one worker at a time, and a dead worker's command is picked up again.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, test } from 'node:test';
import { describeEachDriver, until } from './kit/testing';
import {
  claimNextCommand,
  enqueueCommand,
  expireQueuedCommand,
  finishCommand,
  getCommand,
  listActivity,
  requeueCommandsOf,
  UNCLAIMED_IN_TIME,
  type Db,
} from '../src/index';
import { eventMark, payloadsOf, types } from './helpers';

const enqueue = (db: Db) => enqueueCommand(db, 'cron.run', { jobId: randomUUID(), triggerType: 'manual' });

describeEachDriver('commands', (get) => {
  // every test starts on an empty queue, so "the next command" is always one of its own
  afterEach(async () => {
    await get().db.query(`update commands set status = 'failed' where status in ('queued', 'running')`);
  });

  test('enqueue → claim → finish, with an event at each step', async () => {
    const { db } = get();
    const mark = await eventMark(db);
    const queued = await enqueue(db);
    assert.equal(queued.status, 'queued');
    assert.equal(queued.attempts, 0);

    const claimed = await claimNextCommand(db, 'worker-a');
    assert.equal(claimed?.id, queued.id);
    assert.equal(claimed?.status, 'running');
    assert.equal(claimed?.claimed_by, 'worker-a');
    assert.equal(claimed?.attempts, 1);
    assert.equal(await claimNextCommand(db, 'worker-b'), null, 'a running command is not handed out twice');

    const done = await finishCommand(db, queued.id, { status: 'succeeded', result: { ok: true } });
    assert.equal(done?.status, 'succeeded');
    assert.deepEqual(done?.result, { ok: true });
    assert.ok(done?.finished_at instanceof Date);
    assert.equal(
      await finishCommand(db, queued.id, { status: 'failed', error: 'late' }),
      null,
      'only a running command finishes',
    );
    assert.equal((await getCommand(db, queued.id))?.status, 'succeeded');

    const events = await mark.since(['system']);
    // the activity log entry is recorded with the command and takes its outcome
    assert.deepEqual(types(events), [
      'command.updated',
      'activity.recorded',
      'command.updated',
      'command.updated',
      'activity.recorded',
    ]);
    assert.deepEqual(
      payloadsOf(events, 'activity.recorded').map((p) => [p.action, p.outcome]),
      [
        ['cron.run', 'pending'],
        ['cron.run', 'succeeded'],
      ],
    );
    assert.deepEqual(
      payloadsOf(events, 'command.updated').map((p) => [p.commandId, p.status]),
      [
        [queued.id, 'queued'],
        [queued.id, 'running'],
        [queued.id, 'succeeded'],
      ],
    );
  });

  test('claims the oldest first and records a failure', async () => {
    const { db } = get();
    const first = await enqueue(db);
    const second = await enqueue(db);
    assert.equal((await claimNextCommand(db, 'w'))?.id, first.id);
    assert.equal((await claimNextCommand(db, 'w'))?.id, second.id);
    const failed = await finishCommand(db, first.id, { status: 'failed', error: 'gateway said no' });
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.error, 'gateway said no');
  });

  test('concurrent claimers never get the same command', async () => {
    const { db } = get();
    const queued = await Promise.all(Array.from({ length: 20 }, () => enqueue(db)));
    const claimedBy = async (worker: string) => {
      const ids: string[] = [];
      for (let c = await claimNextCommand(db, worker); c; c = await claimNextCommand(db, worker)) ids.push(c.id);
      return ids;
    };
    const perWorker = await Promise.all(['w1', 'w2', 'w3', 'w4'].map(claimedBy));
    const all = perWorker.flat();
    assert.equal(new Set(all).size, all.length, 'no command claimed twice');
    assert.deepEqual([...all].sort(), queued.map((c) => c.id).sort());
  });

  test('a command left running past the stale limit is claimed again', async () => {
    const { db } = get();
    const cmd = await enqueue(db);
    await claimNextCommand(db, 'crashed-worker');
    assert.equal(await claimNextCommand(db, 'rescuer', 60_000), null, 'not stale yet');
    await new Promise((r) => setTimeout(r, 150));
    const again = await claimNextCommand(db, 'rescuer', 100);
    assert.equal(again?.id, cmd.id);
    assert.equal(again?.claimed_by, 'rescuer');
    assert.equal(again?.attempts, 2);
  });

  test("requeueCommandsOf puts back only that worker's running commands", async () => {
    const { db } = get();
    const mine = await enqueue(db);
    const theirs = await enqueue(db);
    await claimNextCommand(db, 'restarting');
    await claimNextCommand(db, 'other');

    assert.equal(await requeueCommandsOf(db, 'restarting'), 1);
    assert.equal((await getCommand(db, mine.id))?.status, 'queued');
    assert.equal((await getCommand(db, theirs.id))?.status, 'running');
    assert.equal(await requeueCommandsOf(db, 'restarting'), 0);

    const reclaimed = await claimNextCommand(db, 'restarting');
    assert.equal(reclaimed?.id, mine.id);
    assert.equal(reclaimed?.attempts, 2);
  });

  test('a command nobody claimed in time fails with the reason, and so does its activity entry', async () => {
    const { db } = get();
    const cmd = await enqueueCommand(
      db,
      'session.abort',
      { sessionId: randomUUID() },
      {
        actor: { kind: 'token', id: randomUUID(), name: 'ci-bot' },
        target: { kind: 'agent_session', id: null, label: 'writer' },
      },
    );
    const expired = await expireQueuedCommand(db, cmd.id, 'the bridge is not running');
    assert.equal(expired?.status, 'failed');
    assert.equal(await claimNextCommand(db, 'late-worker'), null, 'an expired command is never run later');
    const entry = (await listActivity(db, { action: 'session' })).rows.find((a) => a.command_id === cmd.id);
    assert.equal(entry?.actor_kind, 'token');
    assert.equal(entry?.actor_name, 'ci-bot');
    assert.equal(entry?.target_label, 'writer');
    assert.equal(entry?.outcome, 'failed');
    assert.equal(entry?.error, 'the bridge is not running');
    assert.ok(entry?.finished_at);
    const running = await enqueue(db);
    await claimNextCommand(db, 'w');
    assert.equal(
      await expireQueuedCommand(db, running.id, 'too late'),
      null,
      'a claimed command is left to its worker',
    );
  });
  test('past its claim deadline with nobody to say so (the asking web process gone), a bridge fails it instead of running it', async () => {
    const { db } = get();
    const mark = await eventMark(db);
    const late = await enqueueCommand(
      db,
      'cron.run',
      { jobId: randomUUID(), triggerType: 'manual' },
      { claimWithinMs: 1, target: { kind: 'cron_job', id: null, label: 'digest' } },
    );
    const inTime = await enqueueCommand(
      db,
      'cron.run',
      { jobId: randomUUID(), triggerType: 'manual' },
      { claimWithinMs: 3_600_000 },
    );
    const unbounded = await enqueue(db);
    await until("the database's clock is past the first one's deadline", async () => {
      const [row] = await db.query<{ past: boolean }>('select now() > claim_by as past from commands where id = $1', [
        late.id,
      ]);
      return row!.past;
    });
    const claimed = await claimNextCommand(db, 'back-late');
    assert.equal(claimed?.id, inTime.id, 'the one past its deadline is skipped');
    assert.equal(claimed?.claim_by, null, 'claimed in time: re-queued after a crash it still runs');
    const failed = await getCommand(db, late.id);
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.error, UNCLAIMED_IN_TIME);
    assert.equal(failed?.attempts, 0, 'never run');
    const entry = (await listActivity(db, { action: 'cron' })).rows.find((a) => a.command_id === late.id);
    assert.equal(entry?.outcome, 'failed');
    const told = payloadsOf(await mark.since(), 'command.updated').filter((p) => p.commandId === late.id);
    assert.deepEqual(
      told.map((p) => [p.status, p.error]),
      [
        ['queued', null],
        ['failed', UNCLAIMED_IN_TIME],
      ],
      'live pages hear it failed',
    );
    assert.equal((await claimNextCommand(db, 'back-late'))?.id, unbounded.id, 'no deadline: runs whenever claimed');
  });
});
