// Keyset cursors come back from clients: one whose date the database cannot take is refused as malformed,
// never sent on to fail there; pages end exactly at their last row, to the microsecond.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver, testCronJob } from './kit/testing';
import {
  decodeCursor,
  encodeCursor,
  InvalidCursorError,
  listActivity,
  listAgentSessions,
  listCronRuns,
} from '../src/index';

const ID = '00000000-0000-4000-8000-000000000000';
const cursorOf = (at: string) => Buffer.from(`${at}|${ID}`).toString('base64url');

const OUT_OF_RANGE = [
  '+275760-09-13T00:00:00.000Z',
  '99999',
  '+010000-01-01T00:00:00.000Z',
  '1969-12-31T23:59:59.999Z',
  '2024-02-30T00:00:00.000Z',
  '2024',
];

describeEachDriver('keyset cursors', (get) => {
  test('a cursor whose date is not a timestamp between 1970 and 9999 is refused by every keyset list', async () => {
    const { db } = get();
    for (const at of OUT_OF_RANGE) {
      const cursor = cursorOf(at);
      await assert.rejects(listActivity(db, { cursor }), InvalidCursorError, `activity ${at}`);
      await assert.rejects(listAgentSessions(db, { cursor }), InvalidCursorError, `sessions ${at}`);
      await assert.rejects(listCronRuns(db, { cursor }), InvalidCursorError, `cron runs ${at}`);
    }
  });

  test('the cursors it gives out, at both ends of the range, are read back', async () => {
    const { db } = get();
    for (const at of [new Date('1970-01-01T00:00:00.000Z'), new Date('9999-12-31T23:59:59.999Z')]) {
      const cursor = encodeCursor(at, ID);
      assert.deepEqual(decodeCursor(cursor), [at.toISOString(), ID]);
      assert.deepEqual((await listActivity(db, { cursor })).rows, []);
    }
  });

  test('pages over rows that share a timestamp to the microsecond give each row once (a Date keeps milliseconds only)', async () => {
    const { db } = get();
    const at = '2026-01-01T00:00:00.123456Z';
    await db.query(
      `insert into agent_sessions (session_key, agent_name, agent_type, status, last_activity_at)
                    select 'same-micro-' || g, 'a', 'singleton', 'completed', $1 from generate_series(1, 10) g`,
      [at],
    );
    await db.query(
      `insert into activity (actor_kind, actor_name, action, created_at) select 'owner', 'owner', 'same.micro', $1 from generate_series(1, 10) g`,
      [at],
    );
    const job = await db.transaction((tx) =>
      testCronJob(tx, { source: 'test', externalId: 'same-micro', name: 'j', schedule: '* * * * *' }),
    );
    await db.query(
      `insert into cron_runs (job_id, external_id, started_at, status) select $1, g::text, $2, 'completed' from generate_series(1, 10) g`,
      [job.id, at],
    );
    const walk = async (page: (cursor?: string) => Promise<{ rows: { id: string }[]; nextCursor: string | null }>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const p = await page(cursor);
        seen.push(...p.rows.map((r) => r.id));
        cursor = p.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    const sessions = await walk((cursor) => listAgentSessions(db, { cursor, limit: 3 }));
    assert.equal(new Set(sessions).size, 10);
    assert.equal(sessions.length, 10);
    assert.equal((await walk((cursor) => listActivity(db, { action: 'same.micro', cursor, limit: 3 }))).length, 10);
    assert.equal((await walk((cursor) => listCronRuns(db, { jobId: job.id, cursor, limit: 3 }))).length, 10);
  });
});
