// `agent-studio bridge-role <name>`: the owner's command for a bridge on another host. On a fresh database it
// migrates, makes the role and prints the bridge's DATABASE_URL with a password made for it; run again it updates
// the role and keeps the password (or sets the one given). It refuses without DATABASE_URL, without a role name or
// with one that is not a plain name, and with the bridge role's own URL (only the owner grants). On Supabase's
// pooler, whose users are `<role>.<project ref>`, the bridge's URL keeps the project.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openDb } from '@agent-studio/database';
import { createPostgresDatabase, TEST_PG_URL } from '@agent-studio/database/testing';

const CLI = fileURLToPath(new URL('../../../../bin/agent-studio.mjs', import.meta.url));

test('bridge-role makes the role once, keeps or sets its password after, and refuses what is not the owner', async () => {
  const t = await createPostgresDatabase({ migrate: false });
  const dir = mkdtempSync(join(tmpdir(), 'studio-bridge-role-'));
  // roles are the cluster's: one of its own per run, dropped after
  const role = `bridge_cli_${randomBytes(4).toString('hex')}`;
  const run = (args: string[], databaseUrl?: string) => {
    const r = spawnSync(process.execPath, [CLI, 'bridge-role', ...args], {
      env: { ...process.env, STUDIO_DATA_DIR: dir, DATABASE_URL: databaseUrl ?? '' },
      encoding: 'utf8',
    });
    return { ...r, url: /DATABASE_URL='([^']+)'/.exec(r.stdout)?.[1] };
  };
  const refused = (r: ReturnType<typeof run>, why: RegExp) => {
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, why);
  };
  try {
    refused(run([role]), /needs DATABASE_URL/);
    refused(run([], t.url), /needs the role's name/);
    refused(run(['Bridge-VPS'], t.url), /not a role name/);

    const made = run([role], t.url);
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /applied \d+ migration\(s\)/, 'a fresh database is migrated first');
    assert.match(made.stdout, new RegExp(`role "${role}" created`));
    assert.match(made.stdout, /Keep that URL: its password is not shown again/);
    const url = new URL(made.url!);
    assert.equal(url.username, role);
    assert.ok(url.password.length >= 20, 'a password is made for a new role');
    assert.equal(url.pathname, new URL(t.url!).pathname, "the owner's database");

    const again = run([role], t.url);
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`role "${role}" updated`));
    assert.equal(new URL(again.url!).password, 'PASSWORD');
    assert.match(again.stdout, /password is unchanged/);

    const set = run([role, '--password', "it's a new one"], t.url);
    assert.equal(set.status, 0, set.stderr);
    assert.equal(decodeURIComponent(new URL(set.url!).password), "it's a new one");
    assert.doesNotMatch(set.url!, /'/, 'the URL stays inside its shell quotes');

    refused(run([role], made.url), /run with the owner's DATABASE_URL/);

    // Supabase's pooler: the owner is `postgres.<project ref>`, the bridge `<role>.<project ref>`
    await t.db.exec(`create role "owner_${role}.project" login superuser`);
    const owner = new URL(t.url!);
    owner.username = `owner_${role}.project`;
    const pooled = run([role], owner.toString());
    assert.equal(pooled.status, 0, pooled.stderr);
    assert.equal(new URL(pooled.url!).username, `${role}.project`);
  } finally {
    await t.drop();
    const admin = await openDb({ databaseUrl: TEST_PG_URL, dataDir: dir });
    await admin.exec(`drop role if exists ${role}; drop role if exists "owner_${role}.project"`);
    await admin.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
