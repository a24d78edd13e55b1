// The event outbox: ids only grow, readers filter by channel, and a NOTIFY goes out only for what committed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver, until } from './kit/testing';
import { appendEvent, appendEvents, latestEventId, listEventsSince, type Db, type Queryable } from '../src/index';

const job = (n: number) => `cron:job-${n}`;
/** Appends one event in a transaction of its own; its id (the newest: the tests append one at a time). */
const append = async (db: Db, channel: string) => {
  await db.transaction((tx) => appendEvent(tx, channel, 'cron.job.removed', { jobId: channel }));
  return latestEventId(db);
};
/** The outbox lock's holders among this connection's locks (the lock is an advisory one). */
const outboxLocks = async (tx: Queryable) =>
  (
    await tx.query<{ n: number }>(
      "select count(*)::int as n from pg_locks where locktype = 'advisory' and pid = pg_backend_pid()",
    )
  )[0]!.n;

describeEachDriver('events', (get) => {
  test('appendEvent gives increasing ids', async () => {
    const { db } = get();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await append(db, job(1)));
    for (let i = 1; i < ids.length; i++)
      assert.ok(BigInt(ids[i]!) > BigInt(ids[i - 1]!), `${ids[i]} after ${ids[i - 1]}`);
    assert.equal(await latestEventId(db), ids.at(-1));
  });

  test('a later writer cannot commit before an earlier open one (Last-Event-ID replay never skips)', async () => {
    const { db } = get();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appendedFirst!: () => void;
    const firstAppended = new Promise<void>((r) => (appendedFirst = r));
    // the first transaction stops between its events' insert and its commit
    const first = db.transaction(async (tx) => {
      await appendEvent(tx, job(2), 'cron.job.removed', { jobId: 'first' });
      tx.beforeCommit!(async () => {
        appendedFirst();
        await held;
      });
    });
    await firstAppended;
    let secondDone = false;
    const second = db
      .transaction((tx) => appendEvent(tx, job(2), 'cron.job.removed', { jobId: 'second' }))
      .then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 200));
    const waited = !secondDone;
    release();
    await Promise.all([first, second]);
    assert.ok(waited, 'the second append waited for the first transaction');
    const order = (await listEventsSince(db, { afterId: '0', channels: [job(2)] })).map((e) => e.payload);
    assert.deepEqual(order, [{ jobId: 'first' }, { jobId: 'second' }]);
  });

  test("a transaction's events are inserted at its commit, with one statement: the lock is not held before", async () => {
    const { db } = get();
    const heard: string[] = [];
    const stop = await db.listen('studio_events', (payload) => heard.push(payload));
    try {
      const start = await latestEventId(db);
      const during = await db.transaction(async (tx) => {
        await appendEvent(tx, job(6), 'cron.job.removed', { jobId: 'a' });
        await appendEvents(tx, [{ channel: job(6), type: 'cron.job.removed', payload: { jobId: 'b' } }]);
        return { locks: await outboxLocks(tx), events: (await listEventsSince(tx, { afterId: start })).length };
      });
      assert.deepEqual(during, { locks: 0, events: 0 });
      const events = await listEventsSince(db, { afterId: start });
      assert.deepEqual(
        events.map((e) => e.payload),
        [{ jobId: 'a' }, { jobId: 'b' }],
      );
      const last = await append(db, job(6));
      await until('the notifications', async () => heard.includes(last));
      // one insert: one NOTIFY, with the transaction's highest id
      assert.deepEqual(heard, [events[1]!.id, last]);
    } finally {
      await stop();
    }
  });

  test('listEventsSince reads after an id, by exact channel or <area>:all, up to a limit', async () => {
    const { db } = get();
    const start = await latestEventId(db);
    const a = await append(db, 'cron:a');
    const b = await append(db, 'agents:b');
    const c = await append(db, 'cron:c');
    const d = await append(db, 'system');
    const ids = async (params: { afterId?: string; channels?: string[]; limit?: number }) =>
      (await listEventsSince(db, { afterId: start, ...params })).map((e) => e.id);

    assert.deepEqual(await ids({}), [a, b, c, d]);
    assert.deepEqual(await ids({ afterId: b }), [c, d]);
    assert.deepEqual(await ids({ channels: ['cron:c'] }), [c]);
    assert.deepEqual(await ids({ channels: ['cron:all'] }), [a, c]);
    assert.deepEqual(await ids({ channels: ['agents:all', 'system'] }), [b, d]);
    assert.deepEqual(await ids({ channels: ['gtm:all'] }), []);
    assert.deepEqual(await ids({ limit: 2 }), [a, b]);

    const [event] = await listEventsSince(db, { afterId: start, limit: 1 });
    assert.deepEqual(
      { ...event, createdAt: typeof event?.createdAt },
      {
        id: a,
        channel: 'cron:a',
        type: 'cron.job.removed',
        payload: { jobId: 'cron:a' },
        createdAt: 'string',
      },
    );
  });

  test('listen hears committed appends and nothing from a rolled-back one', async () => {
    const { db } = get();
    const heard: string[] = [];
    const stop = await db.listen('studio_events', (payload) => heard.push(payload));
    try {
      await assert.rejects(
        db.transaction(async (tx) => {
          await appendEvent(tx, job(3), 'cron.job.removed', { jobId: 'rolled back' });
          throw new Error('roll back');
        }),
        /roll back/,
      );
      const committed = await append(db, job(3));
      // notifications arrive in commit order, so once the committed one is here a rolled-back one would be too
      await until('the notification', async () => heard.includes(committed));
      assert.deepEqual(heard, [committed]);
    } finally {
      await stop();
    }
  });

  test('after unlisten, appends are no longer heard', async () => {
    const { db } = get();
    const heard: string[] = [];
    const stop = await db.listen('studio_events', (payload) => heard.push(payload));
    await stop();
    const watcher: string[] = [];
    const stopWatcher = await db.listen('studio_events', (payload) => watcher.push(payload));
    try {
      const id = await append(db, job(4));
      await until('the watcher', async () => watcher.includes(id));
      assert.deepEqual(heard, []);
    } finally {
      await stopWatcher();
    }
  });

  test('appendEvents appends a batch in its order with one NOTIFY, carrying its highest id', async () => {
    const { db } = get();
    const heard: string[] = [];
    const stop = await db.listen('studio_events', (payload) => heard.push(payload));
    try {
      const start = await latestEventId(db);
      const channels = ['cron:x', 'agents:y', 'cron:z'];
      await db.transaction((tx) =>
        appendEvents(
          tx,
          channels.map((c) => ({ channel: c, type: 'cron.job.removed' as const, payload: { jobId: c } })),
        ),
      );
      const events = await listEventsSince(db, { afterId: start });
      assert.deepEqual(
        events.map((e) => e.channel),
        channels,
      );
      const last = await append(db, job(5));
      await until('the notifications', async () => heard.includes(last));
      assert.deepEqual(heard, [events.at(-1)!.id, last]);
    } finally {
      await stop();
    }
  });
});
