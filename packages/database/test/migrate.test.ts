// Migrations on both drivers: a fresh database reaches the same schema, a second run changes nothing, and a
// database written by newer code is refused rather than half-understood.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { drivers, type TestDatabase, testedDrivers } from './kit/testing';
import { DatabaseNewerError, loadMigrations, migrate } from '../src/migrate';
import type { Db } from '../src/db';

const allNames = loadMigrations().map((m) => m.name);

async function withFresh<T>(kind: keyof typeof drivers, fn: (db: Db) => Promise<T>): Promise<T> {
  const t: TestDatabase = await drivers[kind]({ migrate: false });
  try {
    return await fn(t.db);
  } finally {
    await t.drop();
  }
}

for (const kind of testedDrivers()) {
  describe(`migrate [${kind}]`, () => {
    test('applies every migration to a fresh database, then is a no-op', async () => {
      await withFresh(kind, async (db) => {
        assert.deepEqual(await migrate(db), allNames);
        const recorded = await db.query<{ name: string }>('select name from schema_migrations order by version');
        assert.deepEqual(
          recorded.map((r) => r.name),
          allNames,
        );

        assert.deepEqual(await migrate(db), []);
        const [row] = await db.query<{ n: number }>('select count(*)::int as n from schema_migrations');
        assert.equal(row?.n, allNames.length);
      });
    });

    test('refuses a database that has a migration this code does not know', async () => {
      await withFresh(kind, async (db) => {
        await migrate(db);
        const future = (loadMigrations().at(-1)?.version ?? 0) + 1;
        await db.query(`insert into schema_migrations (version, name) values ($1, $2)`, [
          future,
          `${future}_from_the_future`,
        ]);
        await assert.rejects(
          migrate(db),
          (err: unknown) => err instanceof DatabaseNewerError && err.code === 'DATABASE_NEWER_THAN_CODE',
        );
      });
    });

    test('older code, knowing fewer migrations, refuses a database migrated further', async () => {
      await withFresh(kind, async (db) => {
        await migrate(db);
        const older = loadMigrations().slice(0, 2);
        await assert.rejects(migrate(db, older), DatabaseNewerError);
      });
    });
  });
}

interface Schema {
  columns: {
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
    column_default: string | null;
  }[];
  indexes: string[];
  triggers: string[];
  constraints: string[];
  functions: string[];
}

async function schemaOf(db: Db): Promise<Schema> {
  const columns = await db.query<Schema['columns'][number]>(
    `select table_name::text, column_name::text, data_type::text, is_nullable::text, column_default::text from information_schema.columns
      where table_schema = 'public' order by table_name, column_name`,
  );
  // checks, keys, foreign keys with their actions, uniques: as Postgres prints them back (not-null ones, a
  // constraint row only in PGlite's newer Postgres, are is_nullable above)
  const constraints = await db.query<{ c: string }>(
    `select c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) as c
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = 'public' and c.contype <> 'n' order by 1`,
  );
  // the functions the triggers and queries call, by name, arguments, result and body
  const functions = await db.query<{ f: string }>(
    `select p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' || pg_get_function_result(p.oid) || ' ' || md5(p.prosrc) as f
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' order by 1`,
  );
  const indexes = await db.query<{ def: string }>(
    `select indexdef::text as def from pg_indexes where schemaname = 'public' order by indexname`,
  );
  const triggers = await db.query<{ t: string }>(
    `select event_object_table || '.' || trigger_name || ' ' || action_timing || ' ' || event_manipulation as t
       from information_schema.triggers where trigger_schema = 'public' order by 1`,
  );
  return {
    columns,
    indexes: indexes.map((i) => i.def),
    triggers: triggers.map((t) => t.t),
    constraints: constraints.map((c) => c.c),
    functions: functions.map((f) => f.f),
  };
}

test('PGlite and Postgres end up with the same schema', async () => {
  const [lite, real] = await Promise.all([drivers.pglite(), drivers.postgres()]);
  try {
    const [a, b] = await Promise.all([schemaOf(lite.db), schemaOf(real.db)]);
    // guards against comparing two empty lists
    assert.ok(
      a.columns.length > 100 &&
        a.indexes.length > 10 &&
        a.triggers.length > 2 &&
        a.constraints.length > 20 &&
        a.functions.length > 2,
      'the schema was read',
    );
    assert.deepEqual(a, b);
  } finally {
    await Promise.all([lite.drop(), real.drop()]);
  }
});
