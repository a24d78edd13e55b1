// Test support: the same suite runs on both drivers. PGlite gets a temp folder; Postgres (127.0.0.1:5432,
// trust auth, or STUDIO_TEST_PG_URL) gets a database of its own, dropped afterwards.
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import type { Db, Queryable } from '../../src/db';
import { openPglite } from '../../src/drivers/pglite';
import { openPostgres } from '../../src/drivers/postgres';
import { loadMigrations, migrate } from '../../src/migrate';
import { upsertAgentSession } from '../../src/queries/agent-sessions';
import { upsertCronJob, type CronJobInput, type CronJobRow } from '../../src/queries/cron-jobs';
import { upsertCronRun, type CronRunRow, type CronRunStatus } from '../../src/queries/cron-runs';

export { seeded } from './seeded';

export const TEST_PG_URL = process.env.STUDIO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  db: Db;
  /** For Postgres: the URL of this test's own database (for a second process or connection). */
  url?: string;
  /** For PGlite: its data folder. */
  dataDir?: string;
  drop(): Promise<void>;
}

/**
 * A migrated PGlite data folder to copy (copy and open: ~0.3 s; initdb and migrate: 2-4 s). Shared by the test
 * processes through the temp folder, named by the migrations' text so a changed migration makes a new one;
 * built aside and renamed into place, so a process never copies a half-built one.
 */
async function migratedTemplate(): Promise<string> {
  const migrations = loadMigrations();
  // and by PGlite's own version: a folder made by another release may not open
  const pglite = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), '../package.json');
  const hash = createHash('sha256')
    .update(JSON.stringify(migrations))
    .update(readFileSync(pglite))
    .digest('hex')
    .slice(0, 16);
  const template = join(tmpdir(), `studio-pglite-template-${hash}`);
  if (existsSync(template)) return template;
  const building = mkdtempSync(join(tmpdir(), 'studio-pglite-building-'));
  const db = await openPglite(building);
  await migrate(db, migrations);
  await db.close();
  try {
    renameSync(building, template);
  } catch {
    // another process put its template there first: the same migrations, so either will do
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}

export async function createPgliteDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'studio-pglite-'));
  if (opts.migrate !== false) cpSync(await migratedTemplate(), dataDir, { recursive: true });
  const db = await openPglite(dataDir);
  return {
    db,
    dataDir,
    async drop() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A migrated Postgres database to create test databases from (`create database … template`: ~0.2 s; migrate:
 * ~1 s, more on a busy machine), named like the PGlite template by the migrations' text; built under another
 * name and renamed, so no process copies a half-built one. Older templates are dropped when nobody uses them.
 */
async function migratedPostgresTemplate(): Promise<string> {
  const template = `studio_template_${createHash('sha256').update(JSON.stringify(loadMigrations())).digest('hex').slice(0, 16)}`;
  const existing = await adminQuery<{ datname: string }>(
    "select datname from pg_database where datname like 'studio\\_template\\_%'",
  );
  if (existing.some((r) => r.datname === template)) return template;
  const building = `studio_building_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${building}`);
  const db = await openPostgres(withDatabase(TEST_PG_URL, building));
  await migrate(db);
  await db.close();
  try {
    await adminQuery(`alter database ${building} rename to ${template}`);
  } catch {
    // another process renamed its template first: the same migrations, so either will do
    await adminQuery(`drop database if exists ${building}`);
  }
  for (const { datname } of existing) await adminQuery(`drop database if exists ${datname}`).catch(() => {});
  return template;
}

/** This process's template, found or built once (the migrations read and hashed, pg_database listed). */
let postgresTemplate: Promise<string> | null = null;

async function createFromTemplate(name: string) {
  for (let attempt = 1; ; attempt++) {
    postgresTemplate ??= migratedPostgresTemplate();
    try {
      await adminQuery(`create database ${name} template ${await postgresTemplate}`);
      return;
    } catch (e) {
      postgresTemplate = null;
      // a checkout with other migrations dropped it as old: build it again
      if ((e as { code?: string }).code !== '3D000' || attempt === 3) throw e;
    }
  }
}

export async function createPostgresDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `studio_test_${randomBytes(6).toString('hex')}`;
  if (opts.migrate === false) await adminQuery(`create database ${name}`);
  else await createFromTemplate(name);
  const url = withDatabase(TEST_PG_URL, name);
  const db = await openPostgres(url);
  return {
    db,
    url,
    async drop() {
      await db.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}

export const drivers = {
  pglite: createPgliteDatabase,
  postgres: createPostgresDatabase,
} as const;

/**
 * The drivers a suite runs on: both, unless STUDIO_TEST_DRIVERS names some (`npm run test:quick` runs Postgres
 * only, the faster to set up; `npm test` both).
 */
export function testedDrivers(): (keyof typeof drivers)[] {
  const all = Object.keys(drivers) as (keyof typeof drivers)[];
  const named = process.env.STUDIO_TEST_DRIVERS?.split(',').map((d) => d.trim());
  if (!named) return all;
  const unknown = named.filter((d) => !all.includes(d as keyof typeof drivers));
  if (unknown.length)
    throw new Error(`STUDIO_TEST_DRIVERS: no driver ${unknown.join(', ')} (known: ${all.join(', ')})`);
  return all.filter((d) => named.includes(d));
}

/** `describe` the same suite once per driver, with a fresh migrated database for each. */
export function describeEachDriver(title: string, suite: (get: () => TestDatabase) => void) {
  for (const kind of testedDrivers()) describeDriver(kind, title, suite);
}

/**
 * `describe` a suite on one driver, with a fresh migrated database. A long suite (the lab's) is one file per
 * driver, so the two run side by side.
 */
export function describeDriver(kind: keyof typeof drivers, title: string, suite: (get: () => TestDatabase) => void) {
  describe(`${title} [${kind}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await drivers[kind]();
    });
    suite(() => t);
    // registered after the suite's own hooks, so its `after` (stopping what uses the database) runs first
    after(async () => {
      await t?.drop();
    });
  });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * The one deadline of every wait in the tests. It only ends a hung test: a busy machine is slow, not wrong, so
 * no wait has a shorter one of its own. `npm run mutants` sets a shorter one (STUDIO_TEST_DEADLINE_MS), where a
 * mutant often shows as a wait that never ends; its baseline run shows the unmutated tests pass within it.
 */
export const TEST_DEADLINE_MS = Number(process.env.STUDIO_TEST_DEADLINE_MS) || 300_000;

/** Polls `fn` every 50 ms until it returns something truthy; fails with what it was waiting for. */
export async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + TEST_DEADLINE_MS;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${TEST_DEADLINE_MS / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A session of `agentId` that has spent `total` tokens (budget tests): running unless said otherwise. */
export async function spendingSession(
  db: Db,
  o: {
    agentId: string;
    total: number;
    cost?: number;
    status?: 'running' | 'completed';
    cronJobId?: string;
    gatewayId?: string;
  },
) {
  const { row } = await upsertAgentSession(db, {
    gatewayId: o.gatewayId,
    sessionKey: `agent:${o.agentId}:test:${randomUUID()}`,
    agentName: `${o.agentId} worker`,
    agentType: 'singleton',
    status: o.status ?? 'running',
    agentId: o.agentId,
    startedAt: new Date(),
    lastActivityAt: new Date(),
    tokenUsage: { input: o.total - 1, output: 1, total: o.total },
    costUsd: o.cost ?? null,
    cronJobId: o.cronJobId ?? null,
  });
  return row;
}

/** A cron job as the bridge mirrors one (tests and benches): a daily OpenClaw job, unless `over` says otherwise. */
export async function testCronJob(db: Queryable, over: Partial<CronJobInput> = {}): Promise<CronJobRow> {
  const { row } = await upsertCronJob(db, {
    source: 'openclaw',
    externalId: randomUUID(),
    name: 'Test job',
    schedule: '0 7 * * *',
    timezone: null,
    command: 'x',
    enabled: true,
    scheduleKind: 'cron',
    scheduleSpec: {},
    payload: {},
    nextRunAt: null,
    ...over,
  });
  return row;
}

/** A run of `jobId` that started `agoMs` ago and has just ended with `status`. */
export async function testCronRun(
  db: Queryable,
  jobId: string,
  o: { status: CronRunStatus; agoMs: number; error?: string },
): Promise<CronRunRow> {
  const { row } = await upsertCronRun(db, {
    jobId,
    externalId: randomUUID(),
    startedAt: new Date(Date.now() - o.agoMs),
    finishedAt: new Date(),
    status: o.status,
    error: o.error ?? null,
  });
  return row;
}

/** Runs `fn` on a fresh migrated database of each driver in turn (benches: one figure per driver), dropped after. */
export async function onEachDriver(fn: (label: 'PGlite' | 'Postgres', t: TestDatabase) => Promise<void>) {
  for (const [label, create] of [
    ['PGlite', createPgliteDatabase],
    ['Postgres', createPostgresDatabase],
  ] as const) {
    const t = await create();
    try {
      await fn(label, t);
    } finally {
      await t.drop();
    }
  }
}
