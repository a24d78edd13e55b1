// What makes a mutant stale: its search text not in its file exactly once, or a test part that names no test
// file. Checked by `npm run mutants` before anything runs, and by `npm test` (mutants.test.ts) on every change,
// so the list cannot quietly go stale when the code moves.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testFiles } from './find-files.mjs';

/** How many times `m.search` stands in its file under `root` (-1: no such file). */
export function occurrences(root, m) {
  const path = join(root, m.file);
  return existsSync(path) ? readFileSync(path, 'utf8').split(m.search).length - 1 : -1;
}

/** One line per problem with the mutants under `root`; none when every one can be applied and tested. */
export function mutantProblems(root, mutants) {
  const known = testFiles(root);
  return mutants.flatMap((m) => {
    const n = occurrences(root, m);
    return [
      ...(n === -1 ? [`${m.name}: ${m.file} does not exist`] : []),
      ...(n >= 0 && n !== 1 ? [`${m.name}: the search text is in ${m.file} ${n} times, not once:\n${m.search}`] : []),
      ...m.tests.filter((t) => !known.some((f) => f.includes(t))).map((t) => `${m.name}: no test file matches ${t}`),
    ];
  });
}
