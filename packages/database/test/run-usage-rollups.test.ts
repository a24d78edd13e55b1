// The run and usage rollups (0020): the metrics queries read from them give what the same queries computed
// from the raw rows give, on generated data, for any range and time zone, and stay right as rows change (a run
// finishing, a session's tokens growing, a row arriving late, changing or being deleted).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DEFAULT_GATEWAY_ID,
  addRunningSessionUsage,
  compactRollups,
  createGateway,
  runStatsByJob,
  runSuccessOverTime,
  usageBreakdown,
  type Queryable,
  type StatsRange,
} from '../src/index';
import { migrate, loadMigrations } from '../src/migrate';
import { grainsInZone, rollupBounds } from '../src/queries/rollup-bounds';
import {
  createPgliteDatabase,
  createPostgresDatabase,
  describeEachDriver,
  drivers,
  testedDrivers,
} from './kit/testing';

const T0 = Date.parse('2026-01-20T00:00:00Z'); // the data spans 20 January to about 10 April: three month boundaries
const HOUR = 3_600_000;

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** Jobs, runs and sessions over 80 days; on `gatewayId` when given (a schema before 0033 has no gateways). */
async function generate(db: Queryable, seed: number, gatewayId?: string) {
  const rnd = random(seed);
  // the gateway as a last column, named only when given
  const [gw, gwValue] = gatewayId ? [', gateway_id', (n: number) => `, $${n}`] : ['', () => ''];
  const gwArg = gatewayId ? [gatewayId] : [];
  const jobs: string[] = [];
  for (const name of ['backup', 'digest', 'crawler']) {
    const [j] = await db.query<{ id: string }>(
      `insert into cron_jobs (name, schedule, command, external_id${gw}) values ($1, '0 * * * *', 'x', $1${gwValue(2)}) returning id`,
      [`${name}-${seed}`, ...gwArg],
    );
    jobs.push(j!.id);
  }
  const runs: { id: string; job: string }[] = [];
  for (let i = 0; i < 600; i++) {
    const status = rnd() < 0.05 ? 'running' : rnd() < 0.2 ? 'failed' : 'completed';
    const duration = status === 'running' || rnd() < 0.03 ? null : Math.round(200 + rnd() ** 2 * 600_000);
    const job = jobs[Math.floor(rnd() * jobs.length)]!;
    const [r] = await db.query<{ id: string }>(
      `insert into cron_runs (job_id, external_id, started_at, status, duration_ms${gw}) values ($1, $2, $3, $4, $5${gwValue(6)}) returning id`,
      [job, `g${i}`, new Date(T0 + rnd() * 80 * 24 * HOUR), status, duration, ...gwArg],
    );
    runs.push({ id: r!.id, job });
  }
  const sessions: string[] = [];
  for (let i = 0; i < 500; i++) {
    const tokens = rnd() < 0.05 ? null : Math.round(rnd() * 50_000);
    const [s] = await db.query<{ id: string }>(
      `insert into agent_sessions (agent_name, agent_type, model, status, token_usage, cost_usd, started_at${gw}) values ($1, 'agent', $2, 'running', $3, $4, $5${gwValue(6)}) returning id`,
      [
        `agent-${Math.floor(rnd() * 4)}`,
        rnd() < 0.1 ? null : `model-${Math.floor(rnd() * 3)}`,
        tokens === null ? {} : { total: tokens },
        rnd() < 0.1 ? null : Math.round(rnd() * 1e6) / 1e6,
        new Date(T0 + rnd() * 80 * 24 * HOUR),
        ...gwArg,
      ],
    );
    sessions.push(s!.id);
  }
  return { rnd, jobs, runs, sessions };
}

/** Rows of the range's gateway ($n), or of every gateway. */
const ofGateway = (n: number) => `($${n}::uuid is null or gateway_id = $${n})`;

/** The metrics queries as they read before the rollups: straight from the rows (durations to three figures). */
const raw = {
  stats: (db: Queryable, r: StatsRange) =>
    db.query(
      `select j.id as job_id, j.name, s.runs, s.succeeded, s.p50_ms, s.p95_ms, s.exact
         from (select job_id, count(*)::int as runs, count(*) filter (where status = 'completed')::int as succeeded,
                      percentile_cont(0.5) within group (order by duration_3_figures(duration_ms))::float8 as p50_ms,
                      percentile_cont(0.95) within group (order by duration_3_figures(duration_ms))::float8 as p95_ms,
                      percentile_cont(array[0.5, 0.95]) within group (order by duration_ms)::float8[] as exact
                 from cron_runs where started_at >= $1 and started_at < $2 and status <> 'running' and ${ofGateway(3)} group by job_id) s
         join cron_jobs j on j.id = s.job_id order by j.name`,
      [r.from, r.to, r.gatewayId ?? null],
    ),
  success: (db: Queryable, r: StatsRange) =>
    db.query(
      `select date_trunc($3, started_at, $4) as bucket, count(*)::int as runs, count(*) filter (where status = 'completed')::int as succeeded
         from cron_runs where started_at >= $1 and started_at < $2 and status <> 'running' and ${ofGateway(5)} group by 1 order by 1`,
      [r.from, r.to, r.bucket, r.timeZone, r.gatewayId ?? null],
    ),
  usage: async (db: Queryable, r: StatsRange) => {
    const sums = `coalesce(sum(tokens_total), 0)::float8 as tokens, coalesce(sum(cost_usd), 0)::float8 as cost_usd, count(*)::int as sessions`;
    const where = `started_at >= $1 and started_at < $2 and ${ofGateway(3)}`;
    const args = [r.from, r.to, r.gatewayId ?? null];
    return {
      byAgent: await db.query(
        `select agent_name as key, ${sums} from agent_sessions where ${where} group by 1 order by 2 desc, 1 limit 20`,
        args,
      ),
      byModel: await db.query(
        `select coalesce(model, 'unknown') as key, ${sums} from agent_sessions where ${where} group by 1 order by 2 desc, 1 limit 20`,
        args,
      ),
      overTime: await db.query(
        `select date_trunc($4, started_at, $5) as bucket, '' as key, ${sums} from agent_sessions where ${where} group by 1 order by 1`,
        [...args, r.bucket, r.timeZone],
      ),
    };
  },
};

const at = (iso: string) => new Date(iso);
const RANGES: [string, Date, Date][] = [
  ['all of it, from and to mid-hour', at('2026-01-19T17:23:11Z'), at('2026-04-12T08:41:00Z')],
  ['across a month boundary', at('2026-02-25T05:30:00Z'), at('2026-03-04T19:10:00Z')],
  ['whole UTC days', at('2026-02-01T00:00:00Z'), at('2026-03-01T00:00:00Z')],
  ['inside one hour', at('2026-02-10T10:05:00Z'), at('2026-02-10T10:55:00Z')],
  ['one day', at('2026-03-15T13:00:00Z'), at('2026-03-16T13:00:00Z')],
];
/** Zones whose buckets the rollups serve differently: UTC's hours and days, London's days in winter only,
 * Chicago's hours (with a DST change on 8 March), Kolkata's half hours none (all raw). */
const ZONES = ['UTC', 'Europe/London', 'America/Chicago', 'Asia/Kolkata'];
/** For the per-gateway checks: one zone per rollup grain read (a gateway's rows are kept apart per grain). */
const GRAIN_ZONES = ['UTC', 'America/Chicago'];

// JSON with keys sorted: the same figures whatever the column order
const same = (v: unknown) =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) && !(x instanceof Date)
      ? Object.fromEntries(Object.entries(x).sort())
      : x,
  );

/** The queries equal the raw rows' figures in `zones`: every gateway's (summed), or `gatewayId`'s alone. */
async function assertSameAsRaw(db: Queryable, when: string, gatewayId?: string, zones = ZONES) {
  for (const [name, from, to] of RANGES) {
    const keyed: StatsRange = { from, to, bucket: 'day', timeZone: 'UTC', gatewayId };
    const stats = await runStatsByJob(db, keyed);
    const reference = (await raw.stats(db, keyed)) as (Record<string, unknown> & { exact: (number | null)[] })[];
    assert.equal(same(stats), same(reference.map(({ exact: _, ...r }) => r)), `${when}: runs per job, ${name}`);
    for (const [i, s] of stats.entries()) {
      const [p50, p95] = reference[i]!.exact;
      if (p50 != null)
        assert.ok(Math.abs(s.p50_ms! - p50) <= p50 * 0.005, `${when}: p50 ${s.p50_ms} within 0.5% of ${p50}`);
      if (p95 != null)
        assert.ok(Math.abs(s.p95_ms! - p95) <= p95 * 0.005, `${when}: p95 ${s.p95_ms} within 0.5% of ${p95}`);
    }
    for (const timeZone of zones) {
      for (const bucket of ['hour', 'day'] as const) {
        const r: StatsRange = { from, to, bucket, timeZone, gatewayId };
        assert.equal(
          same(await runSuccessOverTime(db, r)),
          same(await raw.success(db, r)),
          `${when}: success per ${bucket}, ${timeZone}, ${name}`,
        );
        assert.equal(
          same(await usageBreakdown(db, r)),
          same(await raw.usage(db, r)),
          `${when}: usage per ${bucket}, ${timeZone}, ${name}`,
        );
      }
    }
  }
}

describeEachDriver('run and usage rollups', (get) => {
  test('the queries give what the raw rows give, for any range and zone, before and after rows change', async () => {
    const { db } = get();
    const { rnd, jobs, runs, sessions } = await generate(db, 7);
    await assertSameAsRaw(db, 'as generated');

    // the running runs finish, some runs get a corrected duration, one moves to another job
    await db.query(
      `update cron_runs set status = 'completed', duration_ms = 4321, finished_at = started_at + interval '4321 ms' where status = 'running'`,
    );
    for (const r of runs.slice(0, 40))
      await db.query('update cron_runs set duration_ms = $2 where id = $1', [r.id, Math.round(rnd() * 90_000)]);
    await db.query('update cron_runs set job_id = $2 where id = $1', [
      runs[40]!.id,
      jobs.find((j) => j !== runs[40]!.job),
    ]);
    // an update of what is not counted (a log written, a watchdog verdict)
    await db.query(`update cron_runs set stdout = 'done', watchdog_checked_at = now() where id = $1`, [runs[41]!.id]);
    // sessions' tokens grow while they run, one changes model, and a late session arrives
    for (const id of sessions.slice(0, 30))
      await db.transaction((tx) => addRunningSessionUsage(tx, id, { input: 10, output: 5, total: 15, costUsd: 0.001 }));
    await db.query(`update agent_sessions set model = 'model-9' where id = $1`, [sessions[30]]);
    await db.query(
      `insert into cron_runs (job_id, started_at, status, duration_ms) values ($1, '2026-01-21T03:04:05Z', 'completed', 777777)`,
      [jobs[0]],
    );
    await db.query(
      `insert into agent_sessions (agent_name, agent_type, model, token_usage, cost_usd, started_at) values ('agent-late', 'agent', 'model-0', '{"total": 99}', 0.5, '2026-01-21T03:04:05Z')`,
    );
    // rows deleted; a job archived keeps its history
    await db.query('delete from cron_runs where id = any($1)', [runs.slice(50, 60).map((r) => r.id)]);
    await db.query('delete from agent_sessions where id = any($1)', [sessions.slice(50, 60)]);
    await db.query('update cron_jobs set removed_at = now() where id = $1', [jobs[2]]);
    await assertSameAsRaw(db, 'after changes');
    await compactRollups(db);
    await assertSameAsRaw(db, 'after compaction');
    const [left] = await db.query<{ fresh: number; repeated: number }>(
      `select (select count(*) from cron_run_rollups where fresh)::int as fresh,
              (select count(*) from (select 1 from cron_run_rollups group by grain, bucket, job_id, duration_ms having count(*) > 1) k)::int as repeated`,
    );
    assert.deepEqual(left, { fresh: 0, repeated: 0 }, 'one merged row per key');

    // every run of an hour deleted: the hour is no bucket any more, as before
    const hour = at('2026-02-14T09:00:00Z');
    await db.query(`delete from cron_runs where started_at >= $1 and started_at < $2`, [
      hour,
      new Date(hour.getTime() + HOUR),
    ]);
    await db.query(`insert into cron_runs (job_id, started_at, status) values ($1, $2, 'running')`, [
      jobs[0],
      new Date(hour.getTime() + 60_000),
    ]);
    const around: StatsRange = {
      from: new Date(hour.getTime() - HOUR),
      to: new Date(hour.getTime() + 2 * HOUR),
      bucket: 'hour',
      timeZone: 'UTC',
    };
    assert.ok(!(await runSuccessOverTime(db, around)).some((b) => b.bucket.getTime() === hour.getTime()));
    await assertSameAsRaw(db, 'after an hour emptied');
    await compactRollups(db);
    await assertSameAsRaw(db, 'after an hour emptied and compaction');
  });
});

/**
 * Each gateway's figures are its own rows', and every gateway's are all rows'. Every zone for the sum; each
 * gateway alone in one zone per rollup grain (what zones add beyond that is the first test's).
 */
async function assertEachGatewaySameAsRaw(db: Queryable, when: string, gateways: string[]) {
  await assertSameAsRaw(db, `${when}, every gateway`);
  for (const g of gateways) await assertSameAsRaw(db, `${when}, gateway ${g}`, g, GRAIN_ZONES);
}

/** Per rollup table, how many (grain, bucket) hold rows of two gateways, and how many keys have two rows. */
const ROLLUP_KEYS = {
  cron_run_totals: '',
  cron_run_rollups: ', job_id, duration_ms',
  agent_session_totals: '',
  agent_session_rollups: ', agent_name, model',
};
const sharedBuckets = (db: Queryable) =>
  db.query<{ table: string; shared: number; repeated: number }>(
    Object.entries(ROLLUP_KEYS)
      .map(
        ([t, keys]) => `select '${t}' as table,
          (select count(*) from (select 1 from ${t} group by grain, bucket having count(distinct gateway_id) > 1) b)::int as shared,
          (select count(*) from (select 1 from ${t} group by grain, bucket, gateway_id${keys} having count(*) > 1) k)::int as repeated`,
      )
      .join(' union all '),
  );

// The fleet (issue 18 step 5): the metrics page charts one gateway, or all of them. Two gateways' runs and
// sessions fall in the same hours, days and months; each gateway's rollups must hold its rows only.
describeEachDriver('run and usage rollups in a fleet', (get) => {
  test("two gateways with rows in the same buckets: each gateway's figures are its rows', all gateways' their sum", async () => {
    const { db } = get();
    const far = await createGateway(db, 'far');
    const gateways = [DEFAULT_GATEWAY_ID, far.id];
    await generate(db, 7);
    const { runs, sessions } = await generate(db, 8, far.id);
    await assertEachGatewaySameAsRaw(db, 'as generated', gateways);
    await compactRollups(db);
    for (const r of await sharedBuckets(db)) {
      assert.ok(r.shared > 0, `${r.table}: buckets holding both gateways' rows`);
      assert.equal(r.repeated, 0, `${r.table}: one merged row per gateway and key`);
    }
    await assertEachGatewaySameAsRaw(db, 'after compaction', gateways);

    // rows that move to the other gateway take their counts with them (a run moves with its job)
    await db.query('update cron_jobs set gateway_id = $2 where id = $1', [runs[0]!.job, DEFAULT_GATEWAY_ID]);
    await db.query('update agent_sessions set gateway_id = $2 where id = any($1)', [
      sessions.slice(0, 25),
      DEFAULT_GATEWAY_ID,
    ]);
    await assertEachGatewaySameAsRaw(db, 'after rows moved gateway', gateways);
    await compactRollups(db);
    await assertEachGatewaySameAsRaw(db, 'after rows moved gateway and compaction', gateways);
  });
});

// Migration 0039 splits the rollups of a database that already has a fleet: each gateway's figures are counted
// again from its own rows.
for (const kind of testedDrivers()) {
  test(`the rollups of two gateways' rows stored before 0039 are split by gateway by the migration [${kind}]`, async () => {
    const t = await drivers[kind]({ migrate: false });
    try {
      const all = loadMigrations();
      await migrate(
        t.db,
        all.filter((m) => m.version < 39),
      );
      const far = await createGateway(t.db, 'far');
      await generate(t.db, 11);
      await generate(t.db, 12, far.id);
      await migrate(t.db, all);
      await assertEachGatewaySameAsRaw(t.db, 'migrated', [DEFAULT_GATEWAY_ID, far.id]);
      for (const r of await sharedBuckets(t.db)) assert.ok(r.shared > 0, `${r.table}: buckets holding both`);
    } finally {
      await t.drop();
    }
  });
}

// Two writers that finish runs of one hour in crossing order: with one shared total per hour the first would
// hold that total while waiting for the second's run, and the second wait for the total (a deadlock).
test('writers finishing runs of the same hour in crossing order do not deadlock (Postgres: concurrent connections)', async () => {
  const t = await createPostgresDatabase();
  const db = t.db;
  try {
    const [job] = await db.query<{ id: string }>(
      `insert into cron_jobs (name, schedule, command, external_id) values ('crossing', '* * * * *', 'x', 'crossing') returning id`,
    );
    const [r1, r2] = await db.query<{ id: string }>(
      `insert into cron_runs (job_id, started_at, status) select $1, '2026-05-05T10:10:00Z', 'running' from generate_series(1, 2) returning id`,
      [job!.id],
    );
    const finish = `update cron_runs set status = 'completed', duration_ms = 1000 where id = $1`;
    const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
    let firstDone!: () => void;
    const firstStarted = new Promise<void>((r) => (firstDone = r));
    await Promise.all([
      db.transaction(async (tx) => {
        await tx.query(finish, [r1!.id]);
        firstDone();
        await pause(300);
        await tx.query(finish, [r2!.id]); // waits until the other transaction commits
      }),
      db.transaction(async (tx) => {
        await firstStarted;
        await tx.query(finish, [r2!.id]);
        await pause(600);
      }),
    ]);
    const [row] = await db.query<{ runs: number }>(
      `select sum(runs)::int as runs from cron_run_totals where grain = 'hour' and bucket = '2026-05-05T10:00:00Z'`,
    );
    assert.equal(row!.runs, 2);
  } finally {
    await t.drop();
  }
});

test('runs and sessions stored before the rollups existed are rolled up by the migration', async () => {
  const t = await createPgliteDatabase({ migrate: false });
  try {
    const all = loadMigrations();
    await migrate(
      t.db,
      all.filter((m) => m.version < 20),
    );
    await generate(t.db, 11);
    await migrate(t.db, all);
    await assertSameAsRaw(t.db, 'migrated');
  } finally {
    await t.drop();
  }
});

test('a range is read once: raw ends, then each grain inside the one before', () => {
  const check = (from: string, to: string, expected: string[]) =>
    assert.deepEqual(
      rollupBounds(at(from), at(to), ['day', 'month']).map((d) => d.toISOString().slice(0, 16)),
      expected,
    );
  check('2026-01-19T17:23:00Z', '2026-04-12T08:41:00Z', [
    '2026-01-19T17:23',
    '2026-04-12T08:41',
    '2026-01-20T00:00',
    '2026-04-12T00:00',
    '2026-02-01T00:00',
    '2026-04-01T00:00',
  ]);
  // no whole month: the month interval is empty
  check('2026-02-25T05:30:00Z', '2026-03-04T19:10:00Z', [
    '2026-02-25T05:30',
    '2026-03-04T19:10',
    '2026-02-26T00:00',
    '2026-03-04T00:00',
    '2026-03-01T00:00',
    '2026-03-01T00:00',
  ]);
  // no whole day: everything raw
  check('2026-02-10T10:05:00Z', '2026-02-10T10:55:00Z', [
    '2026-02-10T10:05',
    '2026-02-10T10:55',
    '2026-02-10T10:55',
    '2026-02-10T10:55',
    '2026-02-10T10:55',
    '2026-02-10T10:55',
  ]);
});

test('the UTC hours and days that lie inside the buckets of a zone', () => {
  const year = [at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z')] as const;
  assert.deepEqual(grainsInZone('UTC', ...year, 'day'), ['hour', 'day']);
  assert.deepEqual(grainsInZone('UTC', ...year, 'hour'), ['hour']);
  for (const zone of ['Europe/Berlin', 'America/Chicago', 'Pacific/Auckland'])
    assert.deepEqual(grainsInZone(zone, ...year, 'day'), ['hour'], zone);
  // London is at UTC's offset in winter only
  assert.deepEqual(grainsInZone('Europe/London', at('2026-01-05T00:00:00Z'), at('2026-02-05T00:00:00Z'), 'day'), [
    'hour',
    'day',
  ]);
  assert.deepEqual(grainsInZone('Europe/London', ...year, 'day'), ['hour']);
  for (const zone of ['Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Adelaide'])
    assert.deepEqual(grainsInZone(zone, ...year, 'hour'), [], zone);
  // Lord Howe Island is +11 in its summer and +10:30 in its winter
  assert.deepEqual(
    grainsInZone('Australia/Lord_Howe', at('2026-01-05T00:00:00Z'), at('2026-02-05T00:00:00Z'), 'hour'),
    ['hour'],
  );
  assert.deepEqual(grainsInZone('Australia/Lord_Howe', ...year, 'hour'), []);
});
