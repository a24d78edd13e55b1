// The test runner's reporters (scripts/test.mjs): the TAP on stdout names each failed test again just above the
// closing totals, which stay the output's last lines (CI shows only the end, and reads the closing line).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPORTER = fileURLToPath(new URL('./tap-reporter.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

test('the failed tests are listed, with their suites and errors, before the totals; passing runs list none', () => {
  const dir = mkdtempSync(join(tmpdir(), 'studio-reporter-'));
  try {
    const file = join(dir, 'probe.test.mjs');
    const named = relative(ROOT, file); // as the runner names a test file: from the repository's root
    const run = (body: string) => {
      writeFileSync(
        file,
        `import { describe, test } from 'node:test';\nimport assert from 'node:assert/strict';\n${body}`,
      );
      // a run of its own, not a child of this one (which would report to this run, not as TAP)
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const r = spawnSync(process.execPath, ['--test', `--test-reporter=${REPORTER}`, file], { encoding: 'utf8', env });
      return r.stdout.trimEnd().split('\n');
    };
    const failing = run(`
describe('a suite', () => {
  test('its failing test', () => assert.equal(1, 2));
  test('its passing test', () => {});
});
test('a failing top-level test', () => { throw new Error('boom'); });
test('a passing top-level test', () => {});
`);
    const totals = failing.findIndex((l) => /^# tests \d+$/.test(l));
    assert.deepEqual(failing.slice(totals - 2, totals), [
      `# failed: ${named}: a suite > its failing test: Expected values to be strictly equal: 1 !== 2`,
      `# failed: ${named}: a failing top-level test: boom`,
    ]);
    assert.equal(
      failing.slice(totals).find((l) => l.startsWith('# fail ')),
      '# fail 2',
    );
    assert.match(failing.at(-1)!, /^# duration_ms [\d.]+$/, 'the closing line');

    const passing = run(`test('fine', () => {});`);
    assert.deepEqual(
      passing.filter((l) => l.startsWith('# failed')),
      [],
    );
    assert.match(passing.at(-1)!, /^# duration_ms [\d.]+$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
