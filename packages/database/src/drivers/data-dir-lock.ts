// The data folder's lock file: PGlite has none of its own, and two processes on one folder silently lose writes.
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

/** Takes the lock file at `path` (or the one a dead process left); returns its release. */
export function takeLock(path: string): () => void {
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
