// supabase/: the migrations there are generated from packages/database/migrations and must not drift; applied
// to a fresh Postgres with stand-ins for Supabase's auth schema and API roles, only the owner sees anything.
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { TEST_PG_URL } from '@agent-studio/database/testing';
import { SUPABASE_DIR, supabaseDrift } from './supabase-sync.mjs';

test('supabase/migrations is exactly what npm run supabase:sync generates', () => {
  assert.deepEqual(supabaseDrift(), [], 'supabase/migrations is out of date: run npm run supabase:sync and commit the result');
});

// What a Supabase project has before any migration: the API roles, auth.uid() from the JWT's `sub`, and
// default privileges that grant every new public table to both roles (so RLS is all that stands between).
const SUPABASE_STAND_INS = `
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
end $$;
create schema auth;
create function auth.uid() returns uuid language sql stable as $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
grant usage on schema auth to anon, authenticated;
grant usage on schema public to anon, authenticated;
alter default privileges in schema public grant all on tables to anon, authenticated;
alter default privileges in schema public grant all on sequences to anon, authenticated;
alter default privileges in schema public grant execute on functions to anon, authenticated;
`;

describe('supabase/migrations on a Postgres with Supabase’s roles', () => {
  const name = `studio_supabase_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  let db: pg.Client;
  const OWNER = randomUUID();
  const STRANGER = randomUUID();

  before(async () => {
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(TEST_PG_URL);
    url.pathname = `/${name}`;
    db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    await db.query(SUPABASE_STAND_INS);
    for (const f of readdirSync(SUPABASE_DIR).filter((f) => f.endsWith('.sql')).sort()) await db.query(readFileSync(join(SUPABASE_DIR, f), 'utf8'));
    // rows written the way the studio writes them: as the tables' owner, which RLS does not restrict
    await db.query(`insert into users (id, username) values ($1, 'owner')`, [OWNER]);
    await db.query(`insert into cron_jobs (name, schedule, command) values ('Daily digest', '0 7 * * *', 'digest')`);
    await db.query(`insert into webhooks (name, url, secret, event_types) values ('hook', 'https://example.com', 'whsec_x', '{job.failed}')`);
    await db.query(`insert into api_tokens (name, token_hash) values ('t', 'hash')`);
  });
  after(async () => {
    await db?.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const tables = async () => (await db.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by 1`)).rows.map((r) => r.tablename);

  /** Runs `sql` as a Supabase API role (with the JWT's sub when given), like PostgREST does, in a rolled-back transaction. */
  async function as<T>(role: 'anon' | 'authenticated', sub: string | null, fn: () => Promise<T>): Promise<T> {
    await db.query('begin');
    try {
      await db.query(`set local role ${role}`);
      if (sub) await db.query(`select set_config('request.jwt.claim.sub', $1, true)`, [sub]);
      return await fn();
    } finally {
      await db.query('rollback');
    }
  }

  const count = async (table: string) => Number((await db.query(`select count(*) as n from public.${table}`)).rows[0].n);

  test('the migrations leave every table with row-level security on', async () => {
    const { rows } = await db.query(`select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity`);
    assert.deepEqual(rows, []);
    assert.ok((await tables()).length >= 15);
    const { rows: applied } = await db.query('select version from schema_migrations order by version');
    assert.equal(applied.length, readdirSync(SUPABASE_DIR).filter((f) => f.endsWith('.sql')).length, 'agent-studio migrate sees them as applied');
  });

  test('anon is refused on every table, and may not call the studio’s functions', async () => {
    for (const t of await tables()) {
      await as('anon', null, () => assert.rejects(count(t), /permission denied/, t));
    }
    await as('anon', null, () => assert.rejects(db.query('select public.cleanup_old_agent_logs()'), /permission denied/));
  });

  test('a signed-in user who is not the owner sees nothing and can change nothing', async () => {
    for (const t of await tables()) {
      assert.equal(await as('authenticated', STRANGER, () => count(t)), 0, t);
    }
    await as('authenticated', STRANGER, () => assert.rejects(db.query(`insert into cron_jobs (name, schedule, command) values ('evil', '* * * * *', 'x')`), /row-level security/));
    await as('authenticated', STRANGER, async () => assert.equal((await db.query(`update webhooks set url = 'https://evil.example'`)).rowCount, 0));
    assert.equal(await as('authenticated', null, () => count('cron_jobs')), 0, 'no JWT at all');
  });

  test('the owner sees and changes every row, like the studio does', async () => {
    for (const t of await tables()) {
      const all = await count(t);
      assert.equal(await as('authenticated', OWNER, () => count(t)), all, t);
    }
    assert.ok((await as('authenticated', OWNER, () => count('cron_jobs'))) > 0);
    await as('authenticated', OWNER, async () => {
      await db.query(`insert into cron_jobs (name, schedule, command) values ('Owner job', '0 8 * * *', 'y')`);
      assert.equal((await db.query(`update webhooks set enabled = false`)).rowCount, 1);
    });
  });
});
