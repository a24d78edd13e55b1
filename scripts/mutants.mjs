#!/usr/bin/env node
// `npm run mutants`: breaks the code in the ways that matter (issue 14, item 2; issue 20) one at a time and
// shows that the tests meant to notice each break fail. Not part of `npm test`.
//
// It never touches the working tree: HEAD's files (`--worktree`: the working files, tracked and untracked not
// ignored, as `git ls-files -co --exclude-standard` lists them) are copied into a temporary folder whose
// node_modules links to this checkout's, its own workspace packages excepted, and whose .cache/openclaw-lab
// links to this one's. There each mutant is applied, its tests run through `node scripts/test.mjs <parts>`, and
// the file is restored. A stale mutant (mutants.check.mjs) stops the run before any test does.
//
//   node scripts/mutants.mjs [name-part...] [--worktree] [--keep] [--no-baseline] [--list]
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { mutantProblems } from './mutants.check.mjs';
import { MUTANTS } from './mutants.list.mjs';

const ROOT = realpathSync(new URL('..', import.meta.url).pathname);
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const only = args.filter((a) => !a.startsWith('--'));
// a run that hangs (PGlite waiting on itself) has noticed the mutant; this ends it
const TIMEOUT_MS = Number(process.env.MUTANT_TIMEOUT_MS ?? 600_000);
// the tests' own deadline for a wait (TEST_DEADLINE_MS, 300 s in npm test): a mutant often shows as a wait that
// never ends, and the baseline, run with the same, shows that the unbroken code is done within it
const DEADLINE_MS = Number(process.env.MUTANT_TEST_DEADLINE_MS ?? 120_000);

const selected = MUTANTS.filter((m) => !only.length || only.some((o) => m.name.includes(o)));
if (flag('--list')) {
  for (const m of selected) console.log(`${m.name}\n  ${m.file}\n  tests: ${m.tests.join(' ')}`);
  process.exit(0);
}
if (!selected.length) fail(`no mutant's name contains ${only.join(' or ')}`);

function fail(message) {
  console.error(`mutants: ${message}`);
  process.exit(2);
}

function git(...a) {
  const r = spawnSync('git', a, { cwd: ROOT, encoding: 'buffer', maxBuffer: 1 << 30 });
  if (r.status !== 0) fail(`git ${a.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** The repository's files, HEAD's or the working ones, in a new temporary folder. */
function copyRepo() {
  const dir = mkdtempSync(join(tmpdir(), 'studio-mutants-'));
  if (flag('--worktree')) {
    const files = git('ls-files', '-co', '--exclude-standard', '-z').toString().split('\0').filter(Boolean);
    for (const f of files) {
      if (!existsSync(join(ROOT, f))) continue; // deleted in the working tree
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      cpSync(join(ROOT, f), join(dir, f), { verbatimSymlinks: true });
    }
  } else {
    const tar = spawnSync('tar', ['-x', '-C', dir], {
      input: git('archive', '--format=tar', 'HEAD'),
      maxBuffer: 1 << 30,
    });
    if (tar.status !== 0) fail(`unpacking HEAD: ${tar.stderr}`);
  }
  linkModules(join(ROOT, 'node_modules'), join(dir, 'node_modules'), dir);
  for (const ws of JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces ?? []) {
    if (existsSync(join(ROOT, ws, 'node_modules')) && existsSync(join(dir, ws)))
      linkModules(join(ROOT, ws, 'node_modules'), join(dir, ws, 'node_modules'), dir);
  }
  if (existsSync(join(ROOT, '.cache/openclaw-lab'))) {
    mkdirSync(join(dir, '.cache'), { recursive: true });
    symlinkSync(join(ROOT, '.cache/openclaw-lab'), join(dir, '.cache/openclaw-lab'));
  }
  return dir;
}

/**
 * node_modules as links to this checkout's packages, except the links npm made to workspace packages
 * (`@agent-studio/core` → `../../packages/core`): those point into the copy, or the copy's tests would run
 * this checkout's code.
 */
function linkModules(from, to, copy) {
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from)) {
    const src = join(from, e);
    if (
      e.startsWith('@') &&
      lstatSync(src).isDirectory() &&
      readdirSync(src).some((p) => lstatSync(join(src, p)).isSymbolicLink())
    ) {
      linkModules(src, join(to, e), copy);
    } else if (
      lstatSync(src).isSymbolicLink() &&
      realpathSync(src).startsWith(`${ROOT}/`) &&
      !realpathSync(src).startsWith(`${ROOT}/node_modules/`)
    ) {
      symlinkSync(join(copy, realpathSync(src).slice(ROOT.length + 1)), join(to, e));
    } else {
      symlinkSync(src, join(to, e));
    }
  }
}

/** Applies a mutant to the copy (checked by mutantProblems first); returns the file's text before it. */
function apply(copy, m) {
  const path = join(copy, m.file);
  const before = readFileSync(path, 'utf8');
  writeFileSync(
    path,
    before.replace(m.search, () => m.replace),
  );
  return before;
}

/**
 * Runs `node scripts/test.mjs <tests>` in the copy; resolves with its exit code (null: timed out) and output.
 * `firstFailure`: stops the run at its first failed test (a mutant is caught then; the rest would only take time).
 */
function runTests(copy, tests, log, { firstFailure = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/test.mjs', ...tests], {
      cwd: copy,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, STUDIO_TEST_DEADLINE_MS: String(DEADLINE_MS) },
    });
    let out = '';
    /** How much of `out` was looked at for a failed test: whole lines only, each once. */
    let scanned = 0;
    let stopped = false;
    const stop = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone already */
      }
    };
    const read = (d) => {
      out += d;
      if (!firstFailure || stopped) return;
      const lines = out.slice(scanned, out.lastIndexOf('\n') + 1);
      scanned += lines.length;
      if (failedTests(lines).length) {
        stopped = true;
        stop();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    const timer = setTimeout(stop, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      writeFileSync(log, out);
      resolve({ code: stopped ? 1 : signal ? null : code, out });
    });
  });
}

/** The names of the tests that failed (node:test's `not ok` lines, not those of files or per-driver suites). */
const failedTests = (out) =>
  [...new Set([...out.matchAll(/^\s*not ok \d+ - (.+)$/gm)].map((x) => x[1].trim()))].filter(
    (t) => !/\.test\.ts$|\[(pglite|postgres)\]$/.test(t),
  );
const secs = (ms) => `${(ms / 1000).toFixed(0)} s`;

const copy = copyRepo();
const cleanUp = () =>
  flag('--keep') ? console.log(`the copy is kept in ${copy}`) : rmSync(copy, { recursive: true, force: true });
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});
console.log(`mutants: ${selected.length}, in a copy of ${flag('--worktree') ? 'the working tree' : 'HEAD'} at ${copy}`);

// every search text, and that every test part names a test file, checked before anything runs
const problems = mutantProblems(copy, selected);
if (problems.length) {
  cleanUp();
  fail(problems.join('\n'));
}

const started = Date.now();
if (!flag('--no-baseline')) {
  // the unmutated copy must pass the tests, or every mutant would look caught
  const tests = [...new Set(selected.flatMap((m) => m.tests))];
  const t0 = Date.now();
  const base = await runTests(copy, tests, join(copy, 'baseline.log'));
  if (base.code !== 0) {
    console.log(
      `baseline FAILED (${secs(Date.now() - t0)}): ${failedTests(base.out).join('; ') || 'see the log'}\n${base.out.slice(-3000)}`,
    );
    cleanUp();
    process.exit(1);
  }
  console.log(`baseline passes (${secs(Date.now() - t0)}): ${tests.join(' ')}`);
}

const missed = [];
for (const m of selected) {
  const before = apply(copy, m);
  const t0 = Date.now();
  const log = join(copy, `mutant-${m.name.replace(/\W+/g, '-')}.log`);
  const r = await runTests(copy, m.tests, log, { firstFailure: true });
  writeFileSync(join(copy, m.file), before);
  const time = secs(Date.now() - t0);
  if (r.code === 0) {
    missed.push(m);
    console.log(`MISSED  ${m.name} (${time}): ${m.tests.join(' ')} still pass${flag('--keep') ? `; log ${log}` : ''}`);
  } else {
    const by =
      r.code === null
        ? `timed out after ${secs(TIMEOUT_MS)}`
        : failedTests(r.out).slice(0, 3).join('; ') || 'the run failed (see its log)';
    console.log(`caught  ${m.name} (${time}): ${by}`);
  }
}
console.log(
  `\n${selected.length - missed.length} of ${selected.length} caught, ${missed.length} missed, in ${secs(Date.now() - started)}`,
);
cleanUp();
process.exit(missed.length ? 1 : 0);
