// A frozen process's open transaction (issue 18, step 3): a bridge stopped mid-transaction (SIGSTOP, a host
// lost) keeps its locks, e.g. the events lock every writer takes, until Postgres ends the transaction. With
// idleInTransactionMs the server ends it, so the other bridges' writes go on; the frozen one's transaction fails.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openDb, type Db } from '../src/index';
import { createPostgresDatabase, type TestDatabase } from './kit/testing';

let t: TestDatabase;
let frozen: Db;

before(async () => {
  t = await createPostgresDatabase({ migrate: false });
  frozen = await openDb({ databaseUrl: t.url, dataDir: '', idleInTransactionMs: 300 });
});
after(async () => {
  await frozen?.close();
  await t?.drop();
});

test("a transaction left idle holding a lock is ended by the server, and the lock's waiter goes on", async () => {
  let thaw!: () => void;
  const thawed = new Promise<void>((resolve) => (thaw = resolve));
  let locked!: () => void;
  const holding = new Promise<void>((resolve) => (locked = resolve));
  const frozenTx = frozen.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(4242)');
    locked();
    await thawed; // the process is frozen: it sends nothing more
    await tx.query('select 1');
  });
  await holding;
  // another bridge wants the same lock: it gets it once the server has ended the frozen transaction
  await t.db.transaction((tx) => tx.query('select pg_advisory_xact_lock(4242)'));
  thaw();
  await assert.rejects(frozenTx, 'the frozen transaction was ended');
});
