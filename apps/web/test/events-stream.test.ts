import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { appendEvent, shareDb, type Db } from '@agent-studio/database';
import * as eventsRoute from '@/app/api/events/route';
import { call, readSse } from './fixture';

async function writeEvents(db: Db, jobId: string, from: number, count: number) {
  for (let i = from; i < from + count; i++) {
    await db.transaction((tx) =>
      appendEvent(tx, `cron:${jobId}`, 'cron.run.started', {
        jobId,
        runId: String(i),
        startedAt: new Date().toISOString(),
      }),
    );
  }
}

describeEachDriver('GET /api/events', (get) => {
  let db: Db;
  before(() => {
    db = get().db;
    shareDb(db);
  });

  test('a client cut off mid-stream resumes with Last-Event-ID: exactly the 1,000 it missed, in order, then live ones', async () => {
    const jobId = randomUUID();
    const channels = `cron:${jobId}`;
    const first = new AbortController();
    const live = await call(eventsRoute.GET, 'GET', `/api/events?channels=${channels}`, { signal: first.signal });
    assert.equal(live.status, 200);
    const reading = readSse(live.response, (_m, all) => all.length === 5);
    await writeEvents(db, jobId, 0, 5);
    const seen = await reading;
    assert.deepEqual(
      seen.map((m) => m.data.payload.runId),
      ['0', '1', '2', '3', '4'],
    );
    first.abort(); // the connection drops

    await writeEvents(db, jobId, 5, 1000); // while the client is away

    const resumed = await call(eventsRoute.GET, 'GET', `/api/events?channels=${channels}`, {
      headers: { 'last-event-id': seen.at(-1)!.id! },
    });
    const replay = readSse(resumed.response, (_m, all) => all.length === 1001, 60_000);
    setTimeout(() => void writeEvents(db, jobId, 1005, 1), 500); // a live one after the replay
    const got = await replay;
    assert.equal(got.length, 1001);
    assert.deepEqual(
      got.map((m) => m.data.payload.runId),
      Array.from({ length: 1001 }, (_, i) => String(i + 5)),
    );
    const ids = got.map((m) => BigInt(m.id!));
    assert.ok(
      ids.every((id, i) => i === 0 || id > ids[i - 1]!),
      'ids strictly increase',
    );
    assert.ok(got.every((m) => m.event === 'cron.run.started'));
  });

  test('?since= resumes like Last-Event-ID; <area>:all receives the area; other channels are filtered out', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await writeEvents(db, a, 0, 1);
    const [{ max }] = (await db.query<{ max: string }>('select max(id)::text as max from events')) as [{ max: string }];
    await writeEvents(db, a, 1, 2);
    await db.transaction((tx) =>
      appendEvent(tx, 'gtm:queue', 'gtm.output.created', { outputId: b, title: 't', type: 'blog' }),
    );
    const res = await call(eventsRoute.GET, 'GET', `/api/events?channels=cron:all&since=${max}`);
    const got = await readSse(res.response, (_m, all) => all.length === 2);
    assert.deepEqual(
      got.map((m) => [m.data.channel, m.data.payload.runId]),
      [
        [`cron:${a}`, '1'],
        [`cron:${a}`, '2'],
      ],
    );
  });

  test('bad channels or cursors are 400s that say why', async () => {
    for (const qs of ['channels=bogus', 'channels=', 'since=abc', 'channels=cron:all,../x']) {
      const res = await call(eventsRoute.GET, 'GET', `/api/events?${qs}`);
      assert.equal(res.status, 400, qs);
      assert.ok(res.json.error.message.length > 10);
    }
  });

  test('a since past bigint is a 400 naming since; such a Last-Event-ID is ignored, as a malformed one is', async () => {
    for (const since of ['99999999999999999999999999', '9223372036854775808', '-1']) {
      const res = await call(eventsRoute.GET, 'GET', `/api/events?since=${since}`);
      assert.equal(res.status, 400, since);
      assert.equal(res.json.error.details.issues[0].field, 'since');
    }
    const jobId = randomUUID();
    await writeEvents(db, jobId, 0, 1);
    const [{ max }] = (await db.query<{ max: string }>('select max(id)::text as max from events')) as [{ max: string }];
    await writeEvents(db, jobId, 1, 1);
    const res = await call(eventsRoute.GET, 'GET', `/api/events?channels=cron:${jobId}&since=${max}`, {
      headers: { 'last-event-id': '99999999999999999999999999' },
    });
    const got = await readSse(res.response, (_m, all) => all.length === 1, 5_000);
    assert.deepEqual(
      got.map((m) => [m.event, m.data.payload?.runId]),
      [['cron.run.started', '1']],
    );
  });
});
