import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import { TYPE_OIDS, parseNumeric, runTransaction, type Db, type Tx } from '../db';
import { DataDirLockedError, LockHeldError, takeLock } from './data-dir-lock';

const SHARED_BUFFERS = '16MB';

function lockDataDir(dataDir: string): () => void {
  try {
    return takeLock(join(dataDir, 'studio.lock'));
  } catch (err) {
    if (!(err instanceof LockHeldError)) throw err;
    throw new DataDirLockedError(
      `The data folder ${dataDir} is in use by process ${err.owner}. Stop it first, or point STUDIO_DATA_DIR elsewhere.`,
    );
  }
}

/**
 * PGlite in a data folder. PGlite has no lock of its own and two processes on one folder silently lose
 * writes, so the folder is held with an exclusive lock file naming the owner's pid.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  let pg: PGlite;
  // V8 compiles PGlite's 9 MB of WASM with its baseline compiler only: optimizing the hot functions (its
  // default) holds ~70 MB more for good; the idle embedded bridge drops from 238 to 140 MB RSS. The price
  // (`npm run bench -- bridge.bench`): a bulk backlog ingests ~15% slower, event-to-row latency unchanged.
  // Process-wide; it applies to modules compiled after it is set.
  setFlagsFromString('--liftoff-only');
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
    transaction: (fn) => pg.transaction((tx) => runTransaction(asTx(tx), fn)),
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
