#!/usr/bin/env node
// `npm run bench`: every `*.bench.ts` under packages/ and apps/, one after another (figures, not pass/fail).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

function find(dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.bench.ts')) out.push(relative(root, p));
  }
  return out;
}

const files = ['packages', 'apps']
  .flatMap((d) => find(join(root, d)))
  .sort()
  .filter((f) => !only.length || only.some((o) => f.includes(o)));
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', f], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
