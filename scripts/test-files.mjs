// The test files, found the one way both `npm test` and `npm run mutants` need them (Node 20's `--test` does not glob).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The `*.test.ts` files below `root`'s packages, apps and scripts, relative to `root`, sorted. */
export function testFiles(root) {
  const found = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.test.ts')) found.push(relative(root, p));
    }
  };
  for (const d of ['packages', 'apps', 'scripts']) walk(join(root, d));
  return found.sort();
}
