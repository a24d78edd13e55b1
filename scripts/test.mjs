#!/usr/bin/env node
// `npm test`: lint, typecheck, build the web app, then every test file (unit, integration, lab, e2e) under
// node:test with tsx. Node 20's `--test` does not glob, so the files are found here.
// `npm run test:quick` (`--quick`): lint, types, unit and database tests, without the browser, the OpenClaw lab or
// the tests of whole processes killed or run side by side, the database tests on Postgres only (STUDIO_TEST_DRIVERS;
// `npm test` runs them on PGlite too).
// `node scripts/test.mjs <path-part>…`: only the files whose path contains one of them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { recordedTimes } from './file-times-reporter.mjs';
import { testFiles } from './find-files.mjs';

const root = new URL('..', import.meta.url).pathname;
const quick = process.argv.includes('--quick');
const only = process.argv.slice(2).filter((a) => a !== '--quick');

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Runs the commands side by side (each a core's work), prints each one's output when it ends, exits on a failure. */
async function runTogether(commands) {
  const results = await Promise.all(
    commands.map(
      ([cmd, args]) =>
        new Promise((done) => {
          const started = Date.now();
          const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.stderr.on('data', (d) => (out += d));
          child.on('close', (code) => {
            const secs = ((Date.now() - started) / 1000).toFixed(0);
            console.log(`\n$ ${cmd} ${args.join(' ')}  (${code === 0 ? 'ok' : `exit ${code}`}, ${secs} s)`);
            if (out.trim()) console.log(out.trimEnd());
            done(code);
          });
        }),
    ),
  );
  const failed = results.find((code) => code !== 0);
  if (failed !== undefined) process.exit(failed ?? 1);
}

/** What needs a browser (the e2e files) or a real OpenClaw gateway (the lab files). */
const e2e = (f) => f.startsWith('apps/web/e2e/');
const lab = (f) => /(^|[/-])lab[-.]|-lab\.test\.ts$/.test(f);
/** What kills, restarts or runs whole processes side by side: the bridge SIGKILLed, two web processes, a standby. */
const processes = (f) => /fault|sigkill|durability|two-web-processes|standby-bridges/.test(f);
/** What runs in a process of its own: long files that start processes themselves (the quick loop leaves them out). */
const single = (f) => e2e(f) || lab(f) || processes(f);
// the longest files start first (the lab's, then the browser's, then the process tests, each kind by the time it
// took last), so the run does not end waiting on one long file started last
const weight = (f) => (lab(f) ? 0 : e2e(f) ? 1 : processes(f) ? 2 : 3);
const lastTimes = recordedTimes();

const files = testFiles(root);
const selected = (only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files)
  .filter((f) => !quick || !single(f))
  .sort((a, b) => weight(a) - weight(b) || (lastTimes[b] ?? 0) - (lastTimes[a] ?? 0) || a.localeCompare(b));

/**
 * The unit, database and API files run a folder's worth in one process: a process per file spent most of the quick
 * loop starting (tsx and the app's imports, ~2 s of CPU each, more than most files' tests; the 21 action files: 74 s
 * of CPU apart, 8 s together). A file imported into a group registers its suites as it would alone; they run one
 * after another. Files that set the web app's env before loading it (short-claim-timeout) share only with their
 * like. The lab, browser and process files keep a process each: they are long, and they start processes themselves.
 */
const GROUP_SIZE = 8;
function inGroups(list) {
  const folders = new Map();
  for (const f of list) {
    const key = `${dirname(f)}${readFileSync(join(root, f), 'utf8').includes("short-claim-timeout'") ? ' (short claim)' : ''}`;
    folders.set(key, [...(folders.get(key) ?? []), f]);
  }
  // a folder of this run's own: runs side by side in one checkout do not share entries
  const dir = mkdtempSync(join(tmpdir(), 'studio-test-groups-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const groups = [...folders.values()].flatMap((fs) =>
    Array.from({ length: Math.ceil(fs.length / GROUP_SIZE) }, (_, i) => fs.slice(i * GROUP_SIZE, (i + 1) * GROUP_SIZE)),
  );
  // the biggest groups first, after the long single files
  return groups
    .sort((a, b) => b.length - a.length)
    .map((fs, i) => {
      const entry = join(dir, `group-${i + 1}.test.mjs`);
      writeFileSync(entry, fs.map((f) => `import ${JSON.stringify(join(root, f))};\n`).join(''));
      return entry;
    });
}
const runnable = [...selected.filter(single), ...inGroups(selected.filter((f) => !single(f)))];

const typechecked = !only.length;
// the type-checked projects are package.json's "typecheck" script (`tsc -p A && tsc -p B …`): one list, each run
// here beside the others
const tscRuns = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
  .scripts.typecheck.split(' && ')
  .map((part) => {
    const [cmd, ...args] = part.trim().split(/\s+/);
    if (cmd !== 'tsc') throw new Error(`package.json "typecheck": expected only tsc runs, found "${part}"`);
    return ['npx', [cmd, ...args]];
  });
// the CLI bundle once, before test files start CLIs side by side; the checks beside it, with caches in .cache/
// (a clean checkout has none) so a repeated quick loop checks only what changed
await runTogether([
  ['npm', ['run', 'build', '-w', 'packages/cli', '--silent']],
  ...(typechecked
    ? [
        ['npx', ['prettier', '--check', '--log-level', 'warn', '--cache', '--cache-location', '.cache/prettier', '.']],
        ['npx', ['eslint', '--max-warnings', '0', '--cache', '--cache-location', '.cache/eslint/', '.']],
        ['npm', ['run', '--silent', 'cycles']],
        ...tscRuns,
      ]
    : []),
]);
// the web app was type-checked just above: next build need not do it again
if (selected.some(e2e))
  run(
    'npm',
    ['run', 'build', '-w', 'apps/web', '--silent'],
    typechecked ? { env: { ...process.env, STUDIO_TYPECHECKED: '1' } } : {},
  );
mkdirSync(join(root, '.cache'), { recursive: true });
// react-server: the web app's server modules (import 'server-only') are exercised in-process by the API tests
run(
  process.execPath,
  [
    '--conditions=react-server',
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=3',
    // TAP on stdout (CI reads its closing line; the failed tests are named again just above it); each file's
    // time to .cache/test-times.log and .json
    `--test-reporter=${join(root, 'scripts/tap-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts/file-times-reporter.mjs')}`,
    `--test-reporter-destination=${join(root, '.cache/test-times.log')}`,
    // only ends a hung file: waits inside have their own (TEST_DEADLINE_MS); a long e2e file on a machine loaded
    // past 20 needed more than 10 minutes, and CI's 90 still leave room for the rest after a hang
    '--test-timeout=2400000',
    ...runnable,
  ],
  quick ? { env: { STUDIO_TEST_DRIVERS: 'postgres', ...process.env } } : {},
);
