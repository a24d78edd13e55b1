// Every mutant of `npm run mutants` still applies to today's code: its search text once in its file, its tests
// existing. (Running the mutants takes minutes and stays out of npm test; a stale list is caught here.)
import assert from 'node:assert/strict';
import { realpathSync } from 'node:fs';
import { test } from 'node:test';
import { mutantProblems } from './mutants.check.mjs';
import { MUTANTS } from './mutants.list.mjs';

test('every mutant finds its search text exactly once and names test files that exist', () => {
  const root = realpathSync(new URL('..', import.meta.url).pathname);
  assert.ok(MUTANTS.length >= 30, `${MUTANTS.length} mutants`);
  assert.deepEqual(mutantProblems(root, MUTANTS), []);
});
