// A bench data set is loaded once per schema and kept (a PGlite folder under .cache, a Postgres template
// database); each run gets its own copy: loading takes minutes, copying seconds.
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Db } from '../../src/db';

const ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

export interface BenchDatabase {
  /** PGlite: a copy of the cached data folder, for this run only. */
  dataDir?: string;
  /** Postgres: a database of this run, copied from the cached template. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A copy of the data set `name`, loaded by `load` into a migrated database the first time and again whenever
 * `version` or a migration changes (older copies are removed then).
 */
export async function cachedBenchDatabase(
  kind: 'pglite' | 'postgres',
  o: {
    /** names its Postgres databases (`studio_<name>_…`) and temp folders */
    name: string;
    /** the PGlite folder's parent, under the repository root */
    cacheDir: string;
    /** what the data set holds, for the log line */
    what: string;
    version: unknown;
    load: (db: Db) => Promise<void>;
    log: (msg: string) => void;
  },
): Promise<BenchDatabase> {
  const { migrate } = await import('../../src/migrate');
  const migrations = join(ROOT, 'packages/database/migrations');
  const key = createHash('sha256')
    .update(JSON.stringify(o.version))
    .update(
      readdirSync(migrations)
        .sort()
        .map((f) => readFileSync(join(migrations, f), 'utf8'))
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 12);
  const load = async (db: Db) => {
    const t = Date.now();
    o.log(`building the ${o.what} on ${kind}: a few minutes, once`);
    await migrate(db);
    await o.load(db);
    await db.exec('vacuum analyze');
    o.log(`  built in ${Math.round((Date.now() - t) / 1000)} s`);
  };
  if (kind === 'pglite') {
    const { openPglite } = await import('../../src/drivers/pglite');
    const cached = join(ROOT, o.cacheDir, `pglite-${key}`);
    if (!existsSync(join(cached, 'ready'))) {
      // data sets of older schemas are not used again
      for (const old of existsSync(dirname(cached)) ? readdirSync(dirname(cached)) : [])
        rmSync(join(dirname(cached), old), { recursive: true, force: true });
      const db = await openPglite(cached);
      await load(db);
      await db.close();
      writeFileSync(join(cached, 'ready'), '');
    }
    const dataDir = mkdtempSync(join(tmpdir(), `studio-${o.name}-`));
    cpSync(cached, dataDir, {
      recursive: true,
      filter: (src) => !src.endsWith('studio.lock') && !src.endsWith('ready'),
    });
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { openPostgres } = await import('../../src/drivers/postgres');
  const { TEST_PG_URL, withDatabase } = await import('./testing');
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    const prefix = `studio_${o.name}`;
    const template = `${prefix}_${key}`;
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [template])).rowCount;
    if (!exists) {
      const stale = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like '${prefix}\\_%' and datname not like '${prefix}\\_run\\_%'`,
      );
      for (const { datname } of stale.rows) await admin.query(`drop database if exists ${datname} with (force)`);
      // (a build stopped half-way left its database)
      await admin.query(`drop database if exists ${template}_building with (force)`);
      await admin.query(`create database ${template}_building`);
      const db = await openPostgres(withDatabase(TEST_PG_URL, `${template}_building`));
      await load(db);
      await db.close();
      await admin.query(`alter database ${template}_building rename to ${template}`);
    }
    const name = `${prefix}_run_${randomBytes(4).toString('hex')}`;
    await admin.query(`create database ${name} template ${template}`);
    return {
      url: withDatabase(TEST_PG_URL, name),
      async drop() {
        const c = new pg.Client({ connectionString: TEST_PG_URL });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`).finally(() => c.end());
      },
    };
  } finally {
    await admin.end();
  }
}
