// The bridge's upkeep of the database: on start (then every minute) the rollups' new delta rows are merged;
// on start (then hourly) agent logs and events older than 30 days are removed and PGlite is vacuumed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import { Housekeeping } from '../src/housekeeping';
import { silentLogger as logger } from '../src/logger';

describeEachDriver('housekeeping', (get) => {
  test('merges fresh rollup rows, removes logs and events past 30 days keeping the rest, vacuums PGlite', async () => {
    const { db } = get();
    const [job] = await db.query<{ id: string }>(
      `insert into cron_jobs (name, schedule, command, external_id) values ('tidy', '0 * * * *', 'x', 'tidy') returning id`,
    );
    // one start for the three, read again below (an hour may begin between the inserts and the check)
    const startedAt = new Date(Date.now() - 2 * 3_600_000);
    for (let i = 0; i < 3; i++)
      await db.query(
        `insert into cron_runs (job_id, started_at, status, duration_ms) values ($1, $2, 'completed', 1200)`,
        [job!.id, startedAt],
      );
    const [session] = await db.query<{ id: string }>(
      `insert into agent_sessions (agent_name, agent_type) values ('tidy', 'agent') returning id`,
    );
    await db.query(
      `insert into agent_logs (session_id, level, message, timestamp) values ($1, 'info', 'old', now() - interval '31 days'), ($1, 'info', 'recent', now() - interval '29 days')`,
      [session!.id],
    );
    await db.query(
      `insert into events (channel, type, created_at) values ('test', 'old', now() - interval '31 days'), ('test', 'recent', now() - interval '29 days')`,
    );
    const fresh = async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from cron_run_totals where fresh'))[0]!.n;
    assert.ok((await fresh()) > 0, 'the runs left delta rows');

    const housekeeping = new Housekeeping({ db, logger });
    housekeeping.start();
    try {
      await until('rollups merged', async () => (await fresh()) === 0);
      await until(
        'old logs removed',
        async () => (await db.query(`select 1 from agent_logs where message = 'old'`)).length === 0,
      );
      await until(
        'old events removed',
        async () => (await db.query(`select 1 from events where type = 'old'`)).length === 0,
      );
      if (db.kind === 'pglite')
        await until(
          'vacuumed',
          async () =>
            (await db.query(`select 1 from pg_stat_user_tables where relname = 'events' and last_vacuum is not null`))
              .length === 1,
        );
    } finally {
      await housekeeping.stop();
    }
    assert.deepEqual(
      (await db.query<{ message: string }>('select message from agent_logs')).map((r) => r.message),
      ['recent'],
    );
    assert.deepEqual(
      (await db.query<{ type: string }>(`select type from events where channel = 'test'`)).map((r) => r.type),
      ['recent'],
    );
    const [hour] = await db.query<{ rows: number; runs: number }>(
      `select count(*)::int as rows, sum(runs)::int as runs from cron_run_totals where grain = 'hour' and bucket = date_trunc('hour', $1::timestamptz, 'UTC')`,
      [startedAt],
    );
    assert.deepEqual(hour, { rows: 1, runs: 3 });
  });
});
