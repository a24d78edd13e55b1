import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { TYPE_OIDS, parseNumeric, type Db, type Tx } from '../db';
import { takeLock } from './data-dir-lock';

const SHARED_BUFFERS = '16MB';

/**
 * PGlite in a data folder. PGlite has no lock of its own and two processes on one folder silently lose
 * writes, so the folder is held with an exclusive lock file naming the owner's pid.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const release = takeLock(join(dataDir, 'studio.lock'));
  let pg: PGlite;
  try {
    pg = await PGlite.create(join(dataDir, 'pgdata'), {
      parsers: { [TYPE_OIDS.int8]: (v: string) => v, [TYPE_OIDS.numeric]: parseNumeric },
      // Postgres' 128 MB of shared buffers would be most of the process's memory (WASM pages, never given
      // back); the data files stay in the OS's page cache, so a small pool costs the studio's queries little
      postgresqlconf: [`shared_buffers=${SHARED_BUFFERS}`],
    });
  } catch (err) {
    release();
    throw err;
  }
  const asTx = (q: Pick<PGlite, 'query' | 'exec'>): Tx => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const res = await q.query<R>(sql, params as unknown[] | undefined);
      return res.rows;
    },
    async exec(sql) {
      await q.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...asTx(pg),
    transaction: (fn) => pg.transaction((tx) => fn(asTx(tx))),
    listen: (channel, onNotify) => pg.listen(channel, onNotify),
    async close() {
      try {
        if (!pg.closed) await pg.close();
      } finally {
        release();
      }
    },
  };
}
