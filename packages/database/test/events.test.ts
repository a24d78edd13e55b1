// The event outbox: ids only grow, readers filter by channel, and a NOTIFY goes out only for what committed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver, TEST_DEADLINE_MS } from './kit/testing';
import type { StudioEvent } from '@agent-studio/core';
import {
  appendEvent,
  appendEvents,
  latestEventId,
  listEventsSince,
  publishEvents,
  type Db,
  type Tx,
} from '../src/index';

const job = (n: number) => `cron:job-${n}`;
const append = (db: Db, channel: string) =>
  db.transaction((tx) => appendEvent(tx, channel, 'cron.job.removed', { jobId: channel }));
/** The ids of the events after `afterId` (published by the read), in order. */
const idsAfter = async (db: Db, afterId: string) => (await listEventsSince(db, { afterId })).map((e) => e.id);
const jobIds = (events: readonly StudioEvent[]) => events.map((e) => (e.payload as { jobId: string }).jobId);

async function until(what: string, check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + TEST_DEADLINE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A transaction left open until `commit()`: `tx` is usable meanwhile. */
function openTransaction(db: Db) {
  let commit!: () => void;
  const held = new Promise<void>((r) => (commit = r));
  let ready!: (tx: Tx) => void;
  const tx = new Promise<Tx>((r) => (ready = r));
  const done = db.transaction(async (t) => {
    ready(t);
    await held;
  });
  return { tx, commit: () => (commit(), done) };
}

describeEachDriver('events', (get) => {
  test('published ids grow in the order the changes committed, and latestEventId is the last', async () => {
    const { db } = get();
    const start = await latestEventId(db);
    for (let i = 0; i < 5; i++) await append(db, job(i));
    const events = await listEventsSince(db, { afterId: start });
    assert.deepEqual(jobIds(events), [0, 1, 2, 3, 4].map(job));
    for (let i = 1; i < events.length; i++)
      assert.ok(BigInt(events[i]!.id) > BigInt(events[i - 1]!.id), `${events[i]!.id} after ${events[i - 1]!.id}`);
    assert.equal(await latestEventId(db), events.at(-1)!.id);
  });

  test('a change that rolls back leaves no event, and nothing is published before its change commits', async () => {
    const { db, url } = get();
    const start = await latestEventId(db);
    await assert.rejects(
      db.transaction(async (tx) => {
        await appendEvent(tx, job(6), 'cron.job.removed', { jobId: 'rolled back' });
        throw new Error('roll back');
      }),
      /roll back/,
    );
    assert.deepEqual(await idsAfter(db, start), []);
    // PGlite runs one transaction at a time: an open one cannot be looked past
    if (!url) return;
    const open = openTransaction(db);
    await appendEvent(await open.tx, job(6), 'cron.job.removed', { jobId: 'open' });
    assert.deepEqual(await idsAfter(db, start), [], 'not published while its change is uncommitted');
    await open.commit();
    assert.deepEqual(jobIds(await listEventsSince(db, { afterId: start })), ['open']);
  });

  test('writers do not wait for each other, and a reader past a later one still gets an earlier one (replay never skips)', async (t) => {
    const { db, url } = get();
    if (!url) return t.skip('PGlite runs one transaction at a time');
    const start = await latestEventId(db);
    const earlier = openTransaction(db);
    await appendEvent(await earlier.tx, job(7), 'cron.job.removed', { jobId: 'earlier' });
    // the later writer commits while the earlier one is still open (before 0042 it waited for it)
    await append(db, 'later');
    const first = await listEventsSince(db, { afterId: start });
    assert.deepEqual(jobIds(first), ['later']);
    await earlier.commit();
    const next = await listEventsSince(db, { afterId: first.at(-1)!.id });
    assert.deepEqual(jobIds(next), ['earlier'], 'read after the cursor of the later event');
  });

  test('a publisher holds back the next until it commits: ids appear in the order they were drawn', async (t) => {
    const { db, url } = get();
    if (!url) return t.skip('PGlite runs one transaction at a time');
    const start = await latestEventId(db);
    await append(db, 'first');
    const publisher = openTransaction(db);
    const ptx = await publisher.tx;
    await publishEvents(ptx);
    const [pid] = await ptx.query<{ pid: number }>('select pg_backend_pid() as pid');
    await append(db, 'second');
    const reading = listEventsSince(db, { afterId: start });
    // the reader's own publish waits for the open publisher's lock (not for a row: 'second' is not the open one's)
    await until('the reader waiting for the outbox lock', async () => {
      const waiting = await db.query(
        "select 1 from pg_locks w join pg_locks h on h.objid = w.objid and h.locktype = 'advisory' and h.granted where w.locktype = 'advisory' and not w.granted and h.pid = $1",
        [pid!.pid],
      );
      return waiting.length > 0;
    });
    await publisher.commit();
    assert.deepEqual(jobIds(await reading), ['first', 'second']);
  });

  test('listEventsSince reads after an id, by exact channel or <area>:all, up to a limit', async () => {
    const { db } = get();
    const start = await latestEventId(db);
    for (const c of ['cron:a', 'agents:b', 'cron:c', 'system']) await append(db, c);
    const [a, b, c, d] = await idsAfter(db, start);
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

  test('listen hears each committed statement, with how many events it staged, and nothing from a rolled-back one', async () => {
    const { db } = get();
    const heard: string[] = [];
    const stop = await db.listen('studio_events', (payload) => heard.push(payload));
    const batch = (tx: Tx, n: number) =>
      appendEvents(
        tx,
        Array.from({ length: n }, (_, i) => ({
          channel: job(i),
          type: 'cron.job.removed' as const,
          payload: { jobId: `${i}` },
        })),
      );
    try {
      await assert.rejects(
        db.transaction(async (tx) => {
          await batch(tx, 2);
          throw new Error('roll back');
        }),
        /roll back/,
      );
      await db.transaction((tx) => batch(tx, 3));
      await db.transaction((tx) => batch(tx, 1));
      // notifications arrive in commit order: once the last one is here, a rolled-back one would be too
      await until('the last notification', () => heard.includes('1'));
      assert.deepEqual(heard, ['3', '1']);
    } finally {
      await stop();
    }
  });

  test('after unlisten, appends are no longer heard', async () => {
    const { db } = get();
    let heard = 0;
    const stop = await db.listen('studio_events', () => heard++);
    await stop();
    let watched = 0;
    const stopWatcher = await db.listen('studio_events', () => watched++);
    try {
      await append(db, job(4));
      await until('the watcher', () => watched > 0);
      assert.equal(heard, 0);
    } finally {
      await stopWatcher();
    }
  });

  test('appendEvents stages a batch in its order, published with consecutive ids', async () => {
    const { db } = get();
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
    assert.deepEqual(
      events.map((e) => BigInt(e.id) - BigInt(events[0]!.id)),
      [0n, 1n, 2n],
    );
  });
});
