import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { TYPE_OIDS, parseNumeric, type Db, type Tx } from '../db';

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

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

function takeLock(path: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(path, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The data folder ${path.replace(/\/studio\.lock$/, '')} is in use by process ${owner}. ` +
            'Stop it first, or point STUDIO_DATA_DIR elsewhere.',
        );
      }
      rmSync(path, { force: true }); // left by a process that died: take it over
    }
  }
  throw new DataDirLockedError(`Could not lock ${path}`);
}

/** Whether a process with this pid exists (on this machine). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
