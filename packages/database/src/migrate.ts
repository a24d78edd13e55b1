import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** `NNNN_verb_noun.sql` files, in order. */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({
      version: Number(f.slice(0, 4)),
      name: f.replace(/\.sql$/, ''),
      sql: readFileSync(`${dir}/${f}`, 'utf8'),
    }));
}

export class DatabaseNewerError extends Error {
  readonly code = 'DATABASE_NEWER_THAN_CODE';
}

// Serializes migrators across processes sharing one Postgres.
const MIGRATION_LOCK = 7_340_100;

/**
 * Applies the migrations the database has not seen, each in its own transaction that also records it.
 * Refuses to run on a database migrated by newer code. Returns the names applied.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    applied_at timestamptz not null default now()
  )`);
  const known = migrations.at(-1)?.version ?? 0;
  const done: string[] = [];
  for (const m of migrations) {
    const applied = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [row] = await tx.query<{ newest: number | null; has: boolean }>(
        'select max(version) as newest, bool_or(version = $1) as has from schema_migrations',
        [m.version],
      );
      if ((row?.newest ?? 0) > known) {
        throw new DatabaseNewerError(
          `The database is at schema version ${row?.newest}, newer than this code knows (${known}). ` +
            'Upgrade agent-studio, or point it at another database.',
        );
      }
      if (row?.has) return false;
      try {
        await tx.exec(m.sql);
      } catch (err) {
        throw new Error(`Migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (applied) done.push(m.name);
  }
  return done;
}
