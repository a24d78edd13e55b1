// PGlite keeps what it committed when its process is killed mid-write, and the next process takes over the
// dead one's lock file (while a live one's keeps it out).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DataDirLockedError } from '../src/drivers/data-dir-lock';
import { openPglite } from '../src/drivers/pglite';
import { migrate } from '../src/migrate';

const writer = new URL('./fixtures/pglite-writer.ts', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'studio-durability-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

test('every id a killed writer reported as committed is there after reopening', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', writer, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  const committed: string[] = [];
  let buffered = '';
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`the writer exited (${code}) before it was killed`)));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop()!;
      committed.push(...lines.filter((l) => /^\d+$/.test(l)));
      if (committed.length >= 50) resolve();
    });
  });
  await assert.rejects(openPglite(dataDir), DataDirLockedError, 'a live writer keeps the folder');
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL');

  const lock = join(dataDir, 'studio.lock');
  assert.ok(existsSync(lock), 'the dead writer left its lock file');
  assert.equal(Number(readFileSync(lock, 'utf8')), child.pid);

  const db = await openPglite(dataDir);
  try {
    assert.equal(readFileSync(lock, 'utf8'), String(process.pid), 'the lock is ours now');
    assert.deepEqual(await migrate(db), []);
    const rows = await db.query<{ id: string }>('select id from events where id = any($1::bigint[])', [committed]);
    assert.equal(rows.length, committed.length, `${committed.length - rows.length} committed ids are missing`);
  } finally {
    await db.close();
  }
});
