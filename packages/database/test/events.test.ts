// The event outbox: ids only grow, in commit order; readers filter by channel, and a NOTIFY goes out only for what
// committed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeDriver, describeEachDriver, TEST_DEADLINE_MS } from './kit/testing';
import { appendEvent, appendEvents, latestEventId, listEventsSince, type Db, type Queryable } from '../src/index';

const job = (n: number) => `cron:job-${n}`;
let written = 0;
/** The id an event got, found by the jobId it was written with (ids are given at commit). */
async function idOf(db: Queryable, jobId: string): Promise<string> {
  const [row] = await db.query<{ id: string }>("select id::text from events where payload->>'jobId' = $1", [jobId]);
  assert.ok(row, `event ${jobId} committed`);
  return row.id;
}
/** Appends one event in a transaction of its own; its id once committed. */
async function append(db: Db, channel: string): Promise<string> {
  const jobId = `${channel}#${++written}`;
  await db.transaction((tx) => appendEvent(tx, channel, 'cron.job.removed', { jobId }));
  return idOf(db, jobId);
}

async function until(what: string, check: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + TEST_DEADLINE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeEachDriver('events', (get) => {
  test('appendEvent gives increasing ids', async () => {
    const { db } = get();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await append(db, job(1)));
    for (let i = 1; i < ids.length; i++)
      assert.ok(BigInt(ids[i]!) > BigInt(ids[i - 1]!), `${ids[i]} after ${ids[i - 1]}`);
    assert.equal(await latestEventId(db), ids.at(-1));
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
      { ...event, createdAt: typeof event?.createdAt, payload: Object.keys(event!.payload) },
      { id: a, channel: 'cron:a', type: 'cron.job.removed', payload: ['jobId'], createdAt: 'string' },
    );
    assert.match((event!.payload as { jobId: string }).jobId, /^cron:a#\d+$/);
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
      await until('the notification', () => heard.includes(committed));
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
      await until('the watcher', () => watcher.includes(id));
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
        'numbered in the order given',
      );
      const ids = events.map((e) => e.id);
      const last = await append(db, job(5));
      await until('the notifications', () => heard.includes(last));
      assert.deepEqual(heard, [ids.at(-1), last]);
    } finally {
      await stop();
    }
  });
});

// Two writers at once need two connections: Postgres (PGlite has one, and runs transactions one after another)
describeDriver('postgres', 'events of writers at once', (get) => {
  test('ids follow commit order: a writer left open holds no later one up, and gets an id above what readers saw', async () => {
    const { db } = get();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let appendedFirst!: () => void;
    const firstAppended = new Promise<void>((r) => (appendedFirst = r));
    const first = db.transaction(async (tx) => {
      await appendEvent(tx, job(2), 'cron.job.removed', { jobId: 'first, left open' });
      appendedFirst();
      await held;
    });
    await firstAppended;
    let secondId: string | null = null;
    const second = append(db, job(2)).then((id) => (secondId = id));
    // either the second commits, or it waits for a lock the first holds
    const waiting = async () =>
      (await db.query("select 1 from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"))
        .length > 0;
    await until('the second writer to commit or wait', async () => secondId !== null || (await waiting()));
    const committedWhileOpen = secondId !== null;
    release();
    await Promise.all([first, second]);
    assert.ok(committedWhileOpen, 'the later writer committed while the first was open');
    // a reader that read up to the second's id never finds the first's below it
    assert.ok(BigInt(await idOf(db, 'first, left open')) > BigInt(secondId!));
    assert.equal(await latestEventId(db), await idOf(db, 'first, left open'));
  });

  test('ids are drawn under the outbox lock at commit (two commits never draw them interleaved)', async () => {
    const { db } = get();
    // another transaction holds the lock a commit takes, as one committing its own events would
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const hasLock = new Promise<void>((r) => (locked = r));
    const holder = db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(7340001)');
      locked();
      await held;
    });
    await hasLock;
    let committed = false;
    const writer = append(db, job(6)).then(() => (committed = true));
    const waiting = async () =>
      (await db.query("select 1 from pg_stat_activity where datname = current_database() and wait_event = 'advisory'"))
        .length > 0;
    await until('the commit to wait for the outbox lock, or to end', async () => committed || (await waiting()));
    const waited = !committed;
    release();
    await Promise.all([holder, writer]);
    assert.ok(waited, 'the commit waited for the outbox lock');
  });
});
