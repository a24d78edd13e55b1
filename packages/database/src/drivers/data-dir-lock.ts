// Lock files naming a live process: the data folder's (PGlite has no lock of its own, and two processes on one
// folder silently lose writes) and the host cron's (one bridge of a machine imports its exec spool).
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';

/** The lock is held by a live process (`owner`), which wrote `note` beside its pid. */
export class LockHeldError extends Error {
  constructor(
    readonly owner: number,
    readonly note: string,
  ) {
    super(`held by process ${owner}`);
  }
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
}

/** The lock file's content: the owner's pid, then its note. */
function readLock(path: string): { pid: number; note: string } {
  const [pid, ...note] = readFileSync(path, 'utf8').split(' ');
  return { pid: Number(pid), note: note.join(' ') };
}

/**
 * Takes the lock file at `path` (or one a dead process left), with `note` beside this process's pid; returns its
 * release, which keeps the note (as no process's: pid 0) or, without one, removes the file. Throws LockHeldError
 * while a live process holds it.
 */
export function takeLock(path: string, note = ''): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, note ? `${process.pid} ${note}` : String(process.pid));
      closeSync(fd);
      return () => (note ? writeFileSync(path, `0 ${note}`, { mode: 0o600 }) : rmSync(path, { force: true }));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readLock(path);
      if (owner.pid && owner.pid !== process.pid && isAlive(owner.pid)) throw new LockHeldError(owner.pid, owner.note);
      rmSync(path, { force: true }); // left by a process that died: take it over
    }
  }
  throw new Error(`Could not lock ${path}`);
}

/** The note of the lock file at `path`, whoever wrote it (alive or not); null without one. */
export function lockNote(path: string): string | null {
  try {
    return readLock(path).note || null;
  } catch {
    return null;
  }
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
