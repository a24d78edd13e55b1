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
  assert.deepEqual(
    supabaseDrift(),
    [],
    'supabase/migrations is out of date: run npm run supabase:sync and commit the result',
  );
});

// What a Supabase project has before any migration: the API roles, auth.uid() from the JWT's `sub`, and
// default privileges that grant every new public table, sequence and function to all three roles (so the
// footer's RLS and revokes are all that stand between).
const SUPABASE_STAND_INS = `
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin; end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin bypassrls; end if;
end $$;
create schema auth;
create function auth.uid() returns uuid language sql stable as $$ select nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
`;

type ApiRole = 'anon' | 'authenticated' | 'service_role';

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
    const files = readdirSync(SUPABASE_DIR)
      .filter((f) => f.endsWith('.sql'))
      .sort();
    for (const [i, f] of files.entries()) {
      // a project that pushed the earlier files under an older footer still has Supabase's grants on their
      // objects: the newest footer must close everything there is, not only what its migration adds
      if (i === files.length - 1)
        await db.query(
          ['tables', 'sequences', 'functions']
            .map((kind) => `grant all on all ${kind} in schema public to anon, authenticated;`)
            .join('\n'),
        );
      await db.query(readFileSync(join(SUPABASE_DIR, f), 'utf8'));
    }
    // rows written the way the studio writes them: as the tables' owner, which RLS does not restrict
    await db.query(`insert into users (id, username) values ($1, 'owner')`, [OWNER]);
    await db.query(`insert into cron_jobs (name, schedule, command) values ('Daily digest', '0 7 * * *', 'digest')`);
    await db.query(
      `insert into webhooks (name, url, secret, event_types) values ('hook', 'https://example.com', 'whsec_x', '{job.failed}')`,
    );
    await db.query(`insert into api_tokens (name, token_hash) values ('t', 'hash')`);
    await db.query(
      `insert into cron_runs (job_id, status, started_at, duration_ms) select id, 'completed', now(), 800 from cron_jobs`,
    );
  });
  after(async () => {
    await db?.end();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const tables = async () =>
    (
      await db.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public' order by 1`)
    ).rows.map((r) => r.tablename);
  /** A call of every function in `public` (nulls for its arguments), so each migration's new ones are tried too. */
  const functionCalls = async () =>
    (
      await db.query<{ name: string; call: string }>(
        `select p.proname as name, format('select public.%I(%s)', p.proname, (select string_agg('null::' || format_type(t, null), ', ') from unnest(p.proargtypes) t)) as call
           from pg_proc p where p.pronamespace = 'public'::regnamespace order by 1`,
      )
    ).rows;

  /** Runs `sql` as a Supabase API role (with the JWT's sub when given), like PostgREST does, in a rolled-back transaction. */
  async function as<T>(role: ApiRole, sub: string | null, fn: () => Promise<T>): Promise<T> {
    await db.query('begin');
    try {
      await db.query(`set local role ${role}`);
      if (sub) await db.query(`select set_config('request.jwt.claim.sub', $1, true)`, [sub]);
      return await fn();
    } finally {
      await db.query('rollback');
    }
  }
  const refused = (role: ApiRole, sub: string | null, sql: string) =>
    as(role, sub, () => assert.rejects(db.query(sql), /permission denied/, `${role} ${sub ?? ''}: ${sql}`));

  /** What RLS does not cover: TRUNCATE on each table, setval on each sequence, calling each function (authenticated: but studio_is_owner()). */
  async function assertNoMaintenance(role: ApiRole, sub: string | null) {
    for (const t of await tables()) await refused(role, sub, `truncate public.${t} cascade`);
    for (const f of await functionCalls())
      if (role === 'anon' || f.name !== 'studio_is_owner') await refused(role, sub, f.call);
    const sequences = await db.query<{ seq: string }>(
      `select format('%I', sequencename) as seq from pg_sequences where schemaname = 'public'`,
    );
    for (const { seq } of sequences.rows) await refused(role, sub, `select setval('public.${seq}', 1)`);
  }

  const count = async (table: string) =>
    Number((await db.query(`select count(*) as n from public.${table}`)).rows[0].n);

  test('the migrations leave every table with row-level security on', async () => {
    const { rows } = await db.query(
      `select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity`,
    );
    assert.deepEqual(rows, []);
    assert.ok((await tables()).length >= 15);
    const { rows: applied } = await db.query('select version from schema_migrations order by version');
    assert.equal(
      applied.length,
      readdirSync(SUPABASE_DIR).filter((f) => f.endsWith('.sql')).length,
      'agent-studio migrate sees them as applied',
    );
  });

  test('anon is refused on every table, may not truncate them, and may not call the studio’s functions', async () => {
    for (const t of await tables()) {
      await as('anon', null, () => assert.rejects(count(t), /permission denied/, t));
    }
    await refused('anon', null, `insert into cron_jobs (name, schedule, command) values ('evil', '* * * * *', 'x')`);
    await assertNoMaintenance('anon', null);
  });

  test('a signed-in user who is not the owner sees nothing, can change nothing and may not truncate or call maintenance', async () => {
    for (const t of await tables()) {
      assert.equal(await as('authenticated', STRANGER, () => count(t)), 0, t);
    }
    await as('authenticated', STRANGER, () =>
      assert.rejects(
        db.query(`insert into cron_jobs (name, schedule, command) values ('evil', '* * * * *', 'x')`),
        /row-level security/,
      ),
    );
    await as('authenticated', STRANGER, async () =>
      assert.equal((await db.query(`update webhooks set url = 'https://evil.example'`)).rowCount, 0),
    );
    assert.equal(await as('authenticated', null, () => count('cron_jobs')), 0, 'no JWT at all');
    assert.equal(
      await as(
        'authenticated',
        STRANGER,
        async () => (await db.query('select public.studio_is_owner() as owner')).rows[0].owner,
      ),
      false,
    );
    await assertNoMaintenance('authenticated', STRANGER);
    // the rollup triggers run with their owner's rights, and fire on the stranger's statements too: with no rows
    const totals = await count('cron_run_totals');
    const totalsAfter = await as('authenticated', STRANGER, async () => {
      assert.equal((await db.query('delete from cron_runs')).rowCount, 0);
      await db.query('reset role');
      return count('cron_run_totals');
    });
    assert.equal(totalsAfter, totals);
  });

  test('the owner sees and changes every row, like the studio does, but truncates and maintains nothing', async () => {
    for (const t of await tables()) {
      const all = await count(t);
      assert.equal(await as('authenticated', OWNER, () => count(t)), all, t);
    }
    assert.ok((await as('authenticated', OWNER, () => count('cron_jobs'))) > 0);
    await as('authenticated', OWNER, async () => {
      await db.query(`insert into cron_jobs (name, schedule, command) values ('Owner job', '0 8 * * *', 'y')`);
      assert.equal((await db.query(`update webhooks set enabled = false`)).rowCount, 1);
      // rows whose triggers call functions the owner may not call: they run with their owner's rights
      await db.query(
        `insert into cron_runs (job_id, status, started_at, duration_ms) select id, 'completed', now(), 1234 from cron_jobs`,
      );
      await db.query(
        `insert into agent_sessions (agent_name, agent_type, token_usage) values ('writer', 'main', '{"total": 5}')`,
      );
      await db.query(`insert into events (channel, type) values ('studio', 'owner.wrote')`);
      await db.query(`insert into gtm_outputs (title, content_type, content_md) values ('Launch', 'blog', 'words')`);
      assert.ok((await count('cron_run_totals')) > 0);
      assert.ok((await count('agent_session_totals')) > 0);
      await db.query('delete from cron_runs');
    });
    assert.equal(
      await as(
        'authenticated',
        OWNER,
        async () => (await db.query('select public.studio_is_owner() as owner')).rows[0].owner,
      ),
      true,
    );
    await assertNoMaintenance('authenticated', OWNER);
  });

  test('tables, sequences and functions created later start closed to the API roles', async () => {
    // made by the migrations' role outside a migration (Supabase's SQL editor), so no footer has run on them
    await db.query(
      `create table public.added_later (id bigint generated always as identity, note text); create function public.added_later_fn() returns integer language sql as 'select 1'`,
    );
    try {
      for (const [role, sub] of [
        ['anon', null],
        ['authenticated', STRANGER],
        ['authenticated', OWNER],
      ] as const) {
        for (const sql of [
          'select * from public.added_later',
          'truncate public.added_later',
          `select setval('public.added_later_id_seq', 1)`,
          'select public.added_later_fn()',
        ])
          await refused(role, sub, sql);
      }
    } finally {
      await db.query('drop table public.added_later; drop function public.added_later_fn()');
    }
  });

  test('service_role, the studio’s other way in, keeps its privileges', async () => {
    await as('service_role', null, async () => {
      assert.ok((await count('cron_jobs')) > 0, 'service_role bypasses RLS');
      await db.query('select public.compact_rollups()');
      await db.query('truncate public.agent_logs');
    });
  });
});
