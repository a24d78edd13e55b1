// Migration 0034 (issue 18, step 2: a bridge per gateway) on a populated database, on both drivers: the
// commands and checkpoints of a database at 0033 (written as that schema's code wrote them) keep every value,
// on the default gateway; the default gateway's bridge still claims and resumes them, another gateway's does not.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Queryable } from '../src/db';
import { loadMigrations, migrate } from '../src/migrate';
import {
  DEFAULT_GATEWAY_ID,
  claimNextCommand,
  createGateway,
  getCheckpoint,
  requeueCommandsOf,
  setCheckpoint,
} from '../src/index';
import { drivers, type TestDatabase, testedDrivers } from './kit/testing';

const COMMANDS = loadMigrations().find((m) => m.name === '0034_add_gateway_to_commands')!;
const BEFORE = loadMigrations().filter((m) => m.version < COMMANDS.version);

/** Commands and checkpoints as the code at 0033 wrote them (no gateway). */
async function populate(db: Queryable) {
  const insert = (kind: string, payload: unknown, status: string, claimedBy: string | null, minutesAgo: number) =>
    db.query(
      `insert into commands (kind, payload, status, claimed_by, claimed_at, created_at)
       values ($1, $2, $3, $4, case when $4::text is null then null else now() end, now() - make_interval(mins => $5))`,
      [kind, JSON.stringify(payload), status, claimedBy, minutesAgo],
    );
  await insert(
    'cron.run',
    { jobId: '6f1c1b4e-0000-4000-8000-000000000001', triggerType: 'manual' },
    'succeeded',
    'bridge@old',
    30,
  );
  await insert('session.abort', { sessionId: '6f1c1b4e-0000-4000-8000-000000000002' }, 'running', 'bridge@old', 20);
  await insert(
    'cron.setEnabled',
    { jobId: '6f1c1b4e-0000-4000-8000-000000000001', enabled: false },
    'queued',
    null,
    10,
  );
  const checkpoint = (source: string, key: string, value: unknown) =>
    db.query('insert into bridge_checkpoints (source, key, value) values ($1, $2, $3)', [
      source,
      key,
      JSON.stringify(value),
    ]);
  await checkpoint('openclaw', 'cron.runs', { runAtMs: 1_763_640_000_000 });
  await checkpoint('gateway', 'status', { connected: true, since: '2026-11-20T12:00:00.000Z', version: '2026.9.6' });
  await checkpoint('watchdog', 'job:6f1c1b4e-0000-4000-8000-000000000001', { checkedUntil: 1_763_640_000_000 });
}

const commands = (db: Queryable, extra = '') =>
  db.query<Record<string, unknown>>(
    `select id, kind, payload, status, claimed_by, claimed_at, created_at${extra} from commands order by created_at`,
  );
const checkpoints = (db: Queryable, extra = '') =>
  db.query<Record<string, unknown>>(
    `select source, key, value, updated_at${extra} from bridge_checkpoints order by source, key`,
  );

for (const kind of testedDrivers()) {
  describe(`migration 0034, commands and checkpoints per gateway, on a populated database [${kind}]`, () => {
    let t: TestDatabase;
    let commandsBefore: Record<string, unknown>[];
    let checkpointsBefore: Record<string, unknown>[];

    before(async () => {
      t = await drivers[kind]({ migrate: false });
      await migrate(t.db, BEFORE);
      await populate(t.db);
      [commandsBefore, checkpointsBefore] = await Promise.all([commands(t.db), checkpoints(t.db)]);
      assert.equal((await migrate(t.db))[0], COMMANDS.name);
    });
    after(async () => {
      await t?.drop();
    });

    test('every command and checkpoint keeps every value, on the default gateway', async () => {
      assert.equal(commandsBefore.length, 3);
      assert.equal(checkpointsBefore.length, 3);
      assert.deepEqual(
        await commands(t.db, ', gateway_id'),
        commandsBefore.map((c) => ({ ...c, gateway_id: DEFAULT_GATEWAY_ID })),
      );
      assert.deepEqual(
        await checkpoints(t.db, ', gateway_id'),
        checkpointsBefore.map((c) => ({ ...c, gateway_id: DEFAULT_GATEWAY_ID })),
      );
      await assert.rejects(
        t.db.query(`update commands set gateway_id = null`),
        /null/,
        'every command names its gateway from now on',
      );
    });

    test("the default gateway's bridge reads its checkpoints and resumes its commands; another gateway's does not", async () => {
      const work = await createGateway(t.db, 'work');
      assert.deepEqual(await getCheckpoint(t.db, 'openclaw', 'cron.runs'), { runAtMs: 1_763_640_000_000 });
      assert.equal(await getCheckpoint(t.db, 'openclaw', 'cron.runs', work.id), null);
      await setCheckpoint(t.db, 'openclaw', 'cron.runs', { runAtMs: 1 }, work.id);
      assert.deepEqual(await getCheckpoint(t.db, 'openclaw', 'cron.runs'), { runAtMs: 1_763_640_000_000 });
      assert.deepEqual(await getCheckpoint(t.db, 'openclaw', 'cron.runs', work.id), { runAtMs: 1 });

      assert.equal(await requeueCommandsOf(t.db, 'bridge@old', work.id), 0, "not the other gateway's to re-queue");
      assert.equal(await claimNextCommand(t.db, 'bridge@old', 60_000, work.id), null);
      assert.equal(await requeueCommandsOf(t.db, 'bridge@old'), 1);
      const kinds = [];
      for (let c = await claimNextCommand(t.db, 'bridge@old'); c; c = await claimNextCommand(t.db, 'bridge@old'))
        kinds.push(c.kind);
      assert.deepEqual(kinds, ['session.abort', 'cron.setEnabled'], 'the interrupted one, then the queued one');
    });
  });
}
