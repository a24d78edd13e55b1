// Keyset cursors come back from clients: one whose date the database cannot take is refused as malformed,
// never sent on to fail there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver } from '../src/testing';
import { decodeCursor, encodeCursor, InvalidCursorError, listActivity, listAgentSessions, listCronRuns } from '../src/index';

const ID = '00000000-0000-4000-8000-000000000000';
const cursorOf = (at: string) => Buffer.from(`${at}|${ID}`).toString('base64url');

const OUT_OF_RANGE = ['+275760-09-13T00:00:00.000Z', '99999', '+010000-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2024-02-30T00:00:00.000Z', '2024'];

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
      assert.deepEqual(decodeCursor(cursor), [at, ID]);
      assert.deepEqual((await listActivity(db, { cursor })).rows, []);
    }
  });
});
