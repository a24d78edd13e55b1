// A change and the event that announces it commit together or not at all: a change whose transaction fails
// leaves no event behind (a live client or a webhook would be told of something that never happened), and an
// event is never written without its change (the mutant "outbox event written outside the transaction").
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import { enqueueCommand, type Db } from '../src/index';
import { eventMark, types } from './helpers';

/** Runs `fn` while the activity log refuses every new line, as a full disk or a broken constraint would. */
async function withActivityRefused<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await db.exec(`create function refuse_activity() returns trigger language plpgsql as $$ begin raise exception 'the activity log refused the line'; end $$;
    create trigger refuse_activity before insert on activity for each row execute function refuse_activity();`);
  try {
    return await fn();
  } finally {
    await db.exec('drop trigger refuse_activity on activity; drop function refuse_activity();');
  }
}

const commandsOf = async (db: Db, sessionId: string) =>
  (await db.query("select id from commands where payload->>'sessionId' = $1", [sessionId])).length;

describeEachDriver('outbox', (get) => {
  test('a command queued with its event and activity line: when the last write fails, none of them is there', async () => {
    const { db } = get();
    const sessionId = randomUUID();
    const mark = await eventMark(db);
    await withActivityRefused(db, () =>
      assert.rejects(enqueueCommand(db, 'session.abort', { sessionId }), /the activity log refused the line/),
    );
    assert.deepEqual(types(await mark.since()), [], 'no event for a command that was not queued');
    assert.equal(await commandsOf(db, sessionId), 0);

    await enqueueCommand(db, 'session.abort', { sessionId });
    assert.deepEqual(types(await mark.since()), ['command.updated', 'activity.recorded']);
    assert.equal(await commandsOf(db, sessionId), 1);
  });
});
