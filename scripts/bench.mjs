#!/usr/bin/env node
// `npm run bench`: every `*.bench.ts` under packages/ and apps/, one after another (figures, not pass/fail).
import { spawnSync } from 'node:child_process';
import { findFiles } from './find-files.mjs';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);

const files = findFiles(root, '.bench.ts', ['packages', 'apps']).filter(
  (f) => !only.length || only.some((o) => f.includes(o)),
);
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
