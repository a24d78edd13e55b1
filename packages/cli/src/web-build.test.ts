// The web build's lock (issue 18, item 6): processes that start together on one install build the web app once.
// Holders here are real processes: one holds the lock, the next waits for it and takes it once it is released,
// and a holder killed with SIGKILL leaves a lock the next process takes over.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { until } from '@agent-studio/database/testing';

const dir = mkdtempSync(join(tmpdir(), 'studio-build-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const LOCK = join(dir, 'web-build.lock');

/** A process that takes the lock, says so, and holds it until its `release` file appears. */
function holder(name: string) {
  const release = join(dir, `release-${name}`);
  const code = `
    import { existsSync } from 'node:fs';
    import { holdLock } from ${JSON.stringify(pathToFileURL(join(import.meta.dirname, 'web-build.ts')).href)};
    const done = holdLock(${JSON.stringify(LOCK)}, () => console.log('waiting'));
    console.log('holding');
    const timer = setInterval(() => {
      if (!existsSync(${JSON.stringify(release)})) return;
      clearInterval(timer);
      done();
      console.log('released');
    }, 20);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const ended = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (c, signal) => resolve(signal ?? c)),
  );
  return {
    said: (word: string) => until(`${name} says "${word}"`, async () => out.includes(word)),
    saying: () => out,
    release: () => writeFileSync(release, ''),
    kill: () => child.kill('SIGKILL'),
    ended,
  };
}

test('one process holds the web build lock at a time; the next waits, and takes over one left by a dead holder', async () => {
  const a = holder('a');
  await a.said('holding');
  const b = holder('b');
  await b.said('waiting');
  assert.doesNotMatch(b.saying(), /holding/, 'b waits while a holds the lock');

  a.release();
  await b.said('holding');
  assert.equal(await a.ended, 0);

  b.kill(); // dies holding it
  assert.equal(await b.ended, 'SIGKILL');
  assert.ok(existsSync(LOCK), 'the dead holder left its lock');
  const c = holder('c');
  await c.said('holding');
  c.release();
  assert.equal(await c.ended, 0);
  assert.ok(!existsSync(LOCK), 'released');
});
