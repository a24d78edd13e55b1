#!/usr/bin/env node
// `npm test`: lint, typecheck, build the web app, then every test file (unit, integration, lab, e2e) under
// node:test with tsx. Node 20's `--test` does not glob, so the files are found here.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function findTests(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) findTests(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

const files = ['packages', 'apps', 'scripts'].flatMap((d) => findTests(join(root, d))).sort();
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;

if (!only.length) {
  run('npx', ['eslint', '--max-warnings', '0', '.']);
  run('npm', ['run', 'typecheck', '--silent']);
}
// the CLI bundle once, before test files start CLIs side by side
run('npm', ['run', 'build', '-w', 'packages/cli', '--silent']);
if (selected.some((f) => f.startsWith('apps/web/e2e/'))) run('npm', ['run', 'build', '-w', 'apps/web', '--silent']);
// react-server: the web app's server modules (import 'server-only') are exercised in-process by the API tests
run(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--test', '--test-concurrency=3', '--test-timeout=600000', ...selected]);
