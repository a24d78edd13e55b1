// `agent-studio exec` wraps crontab lines, so it may start every minute: it must stay light. It loads only
// what recording a run needs; neither the bridge, Next, PGlite, the markdown renderer, nor tsx.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI = fileURLToPath(new URL('../../../../bin/agent-studio.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'studio-exec-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The packages (node_modules names) a run of `agent-studio exec` loads, with its exit code. */
function packagesLoadedBy(env: Record<string, string>) {
  const loaded = join(dir, `loaded-${Math.random()}.txt`);
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(loaded)}, url + '\\n');\n  return next(url, context);\n}\n`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  const r = spawnSync(
    process.execPath,
    ['--import', join(dir, 'register.mjs'), CLI, 'exec', '--job', 'light', '--', 'true'],
    {
      env: { ...process.env, DATABASE_URL: '', STUDIO_SPOOL_DIR: '', STUDIO_DATA_DIR: join(dir, 'data'), ...env }, // '' is unset
      encoding: 'utf8',
    },
  );
  const urls = readFileSync(loaded, 'utf8').split('\n');
  const packages = new Set(urls.map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1]).filter(Boolean));
  return { status: r.status, stderr: r.stderr, packages };
}

test('exec into the spool loads zod and nothing heavy', () => {
  const { status, stderr, packages } = packagesLoadedBy({});
  assert.equal(status, 0, stderr);
  assert.deepEqual([...packages], ['zod']);
});

test('exec straight into Postgres adds only pg', () => {
  // a database that refuses at once: the run goes to the spool, with the driver loaded all the same
  const { status, stderr, packages } = packagesLoadedBy({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  assert.equal(status, 0, stderr);
  assert.deepEqual(
    [...packages].filter((p) => !/^pg(-|$)/.test(p!)),
    ['zod'],
  );
  assert.ok(packages.has('pg'));
});
