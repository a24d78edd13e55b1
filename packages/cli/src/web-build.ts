// The web app's build: made on first start and again when its sources changed, once for all the processes
// that start together on one install.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { isAlive } from '@agent-studio/database/drivers/data-dir-lock';
import { ROOT_DIR } from './paths';

export const WEB_DIR = join(ROOT_DIR, 'apps/web');
// What the web bundle is built from: a change in any of these makes the build stale.
const SOURCES = ['apps/web/src', 'apps/web/next.config.ts', 'packages/core/src', 'packages/database/src'];
// outside .next, which the build empties
const BUILD_LOCK = join(ROOT_DIR, '.cache/web-build.lock');

/**
 * Builds the web app when there is no build yet or its sources changed since (first start, after a pull).
 * Processes that start together on one install (two `agent-studio web`, a studio beside them) build it once:
 * one holds the build lock, the others wait for it and then find the build fresh (a second `next build` in the
 * same folder would fail on the first's lock, and its process with it).
 */
export function ensureWebBuild(log: (msg: string) => void): void {
  const buildId = join(WEB_DIR, '.next/BUILD_ID');
  const builtAt = () => (existsSync(buildId) ? statSync(buildId).mtimeMs : 0);
  const fresh = () => builtAt() > 0 && SOURCES.every((s) => newestMtime(join(ROOT_DIR, s)) <= builtAt());
  if (fresh()) return;
  const release = holdLock(BUILD_LOCK, () => log('Another process is building the web app: waiting for it…'));
  try {
    if (fresh()) return;
    log(
      builtAt()
        ? 'Sources changed since the last build: rebuilding the web app…'
        : 'Building the web app (first start)…',
    );
    const nextBin = createRequire(join(WEB_DIR, 'package.json')).resolve('next/dist/bin/next');
    const r = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: WEB_DIR,
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    });
    if (r.status !== 0) throw new Error(`next build failed (exit ${r.status})`);
  } finally {
    release();
  }
}

function lockHolder(path: string): number | null {
  try {
    return Number(readFileSync(path, 'utf8')) || 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Takes the lock file at `path`, waiting (the process has nothing else to do yet) while a live process holds it;
 * one whose holder died is taken over. The file is made whole under another name and linked into place, so a
 * reader never sees it empty. Returns its release.
 */
export function holdLock(path: string, onWait: () => void): () => void {
  const mine = `${path}.${process.pid}`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(mine, String(process.pid));
  let waited = false;
  try {
    for (;;) {
      try {
        linkSync(mine, path);
        return () => rmSync(path, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = lockHolder(path);
      if (holder === null) continue; // released just now
      if (!isAlive(holder)) {
        rmSync(path, { force: true });
        continue;
      }
      if (!waited) onWait();
      waited = true;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  } finally {
    rmSync(mine, { force: true });
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}
