// `agent-studio passwd`: the owner's way back in from the shell. It sets the password, signs every browser out
// and voids every setup link printed before; a password too short is refused in words and changes nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { hashPassword, hashToken, verifyPassword } from '@agent-studio/core/secrets';
import {
  createAuthSession,
  createSetupToken,
  findAuthSession,
  getOwner,
  openDb,
  setFirstOwnerPassword,
  setOwnerPassword,
  type Db,
} from '@agent-studio/database';
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase } from '@agent-studio/database/testing';

const CLI = fileURLToPath(new URL('../../../../bin/agent-studio.mjs', import.meta.url));

for (const [kind, create] of [
  ['pglite', createPgliteDatabase],
  ['postgres', createPostgresDatabase],
] as const) {
  test(`passwd sets the password, signs every browser out and voids setup links [${kind}]`, async () => {
    const t: TestDatabase = await create();
    let db: Db = t.db;
    const env = { ...process.env, DATABASE_URL: t.url ?? '', STUDIO_DATA_DIR: t.dataDir ?? '' };
    // PGlite has one process at a time: the CLI opens the folder while this test has it closed
    const handOver = async (fn: () => void) => {
      if (kind === 'pglite') await db.close();
      fn();
      if (kind === 'pglite') db = await openDb({ dataDir: t.dataDir! });
    };
    try {
      await setOwnerPassword(db, await hashPassword('the old owner password'));
      const owner = await getOwner(db);
      await createAuthSession(db, {
        userId: owner.id,
        tokenHash: hashToken('a browser'),
        expiresAt: new Date(Date.now() + 86_400_000),
        userAgent: null,
        address: null,
      });
      await createSetupToken(db, hashToken('a link printed at start'), new Date(Date.now() + 15 * 60_000));

      await handOver(() => {
        const short = spawnSync(process.execPath, [CLI, 'passwd'], { env, input: 'short\n', encoding: 'utf8' });
        assert.notEqual(short.status, 0);
        assert.match(short.stderr + short.stdout, /at least 10 characters/);
      });
      assert.ok(await findAuthSession(db, hashToken('a browser')), 'a refused password signs nobody out');

      await handOver(() => {
        const r = spawnSync(process.execPath, [CLI, 'passwd'], {
          env,
          input: 'the new owner password\n',
          encoding: 'utf8',
        });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout + r.stderr, /signed out/);
      });
      const hash = (await getOwner(db)).password_hash!;
      assert.ok(await verifyPassword('the new owner password', hash));
      assert.equal(await verifyPassword('the old owner password', hash), false);
      assert.equal(await findAuthSession(db, hashToken('a browser')), null);
      const [link] = await db.query<{ used_at: Date | null }>(
        'select used_at from setup_tokens where token_hash = $1',
        [hashToken('a link printed at start')],
      );
      assert.ok(link?.used_at, 'the link printed before is void');
      assert.equal(
        await setFirstOwnerPassword(
          db,
          hashToken('a link printed at start'),
          await hashPassword('a takeover password'),
        ),
        false,
      );
      assert.ok(await verifyPassword('the new owner password', (await getOwner(db)).password_hash!));
    } finally {
      if (db !== t.db) await db.close();
      await t.drop();
    }
  });
}

test('passwd --demo sets the demo’s password, in its own folder; a folder in use is said so, not as failed migrations', async () => {
  const cwd = mkdtempSync(join(tmpdir(), 'passwd-demo-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: '' };
  delete env.STUDIO_DATA_DIR;
  try {
    const r = spawnSync(process.execPath, [CLI, 'passwd', '--demo'], {
      cwd,
      env,
      input: 'the demo owner password\n',
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`set in the data folder ${join(cwd, '.studio/demo')}`));
    const db = await openDb({ dataDir: join(cwd, '.studio/demo') });
    try {
      assert.ok(await verifyPassword('the demo owner password', (await getOwner(db)).password_hash!));
    } finally {
      await db.close();
    }
    assert.equal(existsSync(join(cwd, '.studio/db')), false, 'the studio’s own folder is left alone');

    // a running studio holds the folder (this process stands in for it)
    writeFileSync(join(cwd, '.studio/demo/studio.lock'), String(process.pid));
    const busy = spawnSync(process.execPath, [CLI, 'passwd', '--demo'], {
      cwd,
      env,
      input: 'another owner password\n',
      encoding: 'utf8',
    });
    assert.equal(busy.status, 2);
    assert.match(busy.stderr, /is in use by process \d+\. Stop it first/);
    assert.doesNotMatch(busy.stdout + busy.stderr, /migrations failed/);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});
