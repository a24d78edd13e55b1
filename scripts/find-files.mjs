// The test and bench files, found one way for `npm test`, `npm run mutants` and `npm run bench` (Node 20's
// `--test` does not glob).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The files named `*<suffix>` below `root`'s `dirs` (not in node_modules or dot folders), relative to `root`, sorted. */
export function findFiles(root, suffix, dirs) {
  const found = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(suffix)) found.push(relative(root, p));
    }
  };
  for (const d of dirs) walk(join(root, d));
  return found.sort();
}

/** The `*.test.ts` files below `root`'s packages, apps and scripts. */
export const testFiles = (root) => findFiles(root, '.test.ts', ['packages', 'apps', 'scripts']);
