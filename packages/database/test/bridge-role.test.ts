// The bridge role (issue 18, step 4), on Postgres: every table of the schema is either granted to it or denied it
// by name; the role holds exactly its grants (run twice, or with rights added or taken by hand, it ends the same),
// reads none of the owner's secrets, may neither migrate nor run the studio-wide workers, and says what the owner
// must run when the schema or its rights are behind its code. Under row-level security (Supabase) it still works.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import {
  BRIDGE_DENIED,
  BRIDGE_GRANTS,
  BridgeRoleError,
  checkBridgeDatabase,
  grantBridgeRole,
  limitedToGateway,
  mayMigrate,
  mayRunStudioWorkers,
  missingBridgeRights,
} from '../src/bridge-role';
import type { Db } from '../src/db';
import { openPostgres } from '../src/drivers/postgres';
import { getActivity, listActivity } from '../src/queries/activity';
import { getApproval, recordApprovalRequested, recordApprovalResolved } from '../src/queries/approvals';
import { setCheckpoint } from '../src/queries/checkpoints';
import { claimNextCommand, enqueueCommand, finishCommand } from '../src/queries/commands';
import { createGateway } from '../src/queries/gateways';
import { acquireLease, gatewayLeaseKey } from '../src/queries/leases';
import { settleSession } from '../src/queries/mirror-repairs';
import { listOpenclawChannels, recordChannelStates } from '../src/queries/openclaw-channels';
import { createPostgresDatabase, spendingSession, TEST_PG_URL, testCronJob, type TestDatabase } from './kit/testing';

// roles are the cluster's, not the database's: one of its own per run, dropped after
const ROLE = `bridge_test_${randomBytes(4).toString('hex')}`;
const LIMITED = `${ROLE}_limited`;
const ALL_RIGHTS = 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER';

let t: TestDatabase;
let owner: Db;
let bridge: Db;

before(async () => {
  t = await createPostgresDatabase();
  owner = t.db;
  await grantBridgeRole(owner, { role: ROLE, password: 'a bridge password' });
  const url = new URL(t.url!);
  url.username = ROLE;
  url.password = encodeURIComponent('a bridge password');
  bridge = await openPostgres(url.toString());
});
after(async () => {
  await bridge?.close();
  await t?.drop();
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`drop role if exists ${ROLE}`);
  await admin.query(`drop role if exists ${LIMITED}`);
  await admin.end();
});

/** The rights the role holds on a table, table-wide, as has_table_privilege answers them one by one. */
async function rightsOn(table: string): Promise<string[]> {
  const rows = await owner.query<{ right: string; has: boolean }>(
    `select r as right, has_table_privilege($1, $2, r) as has from unnest(string_to_array($3, ', ')) r`,
    [ROLE, table, ALL_RIGHTS],
  );
  return rows.filter((r) => r.has).map((r) => r.right.toLowerCase());
}

const denied = (p: Promise<unknown>) =>
  assert.rejects(p, (err: { code?: string }) => err.code === '42501', 'permission denied');

test('every table of the schema is granted to the bridge role or denied it, by name', async () => {
  const tables = (
    await owner.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = current_schema() order by 1`,
    )
  ).map((r) => r.name);
  const granted = BRIDGE_GRANTS.map((g) => g.table);
  const both = granted.filter((name) => name in BRIDGE_DENIED);
  assert.deepEqual(both, [], 'a table is granted or denied, not both');
  assert.deepEqual([...granted, ...Object.keys(BRIDGE_DENIED)].sort(), tables, 'bridge-role.ts names every table');
});

test('the role reads none of the owner secrets and has no right on the tables it is denied', async () => {
  await denied(bridge.query('select password_hash from users'));
  await denied(bridge.query('select token_hash from auth_sessions'));
  await denied(bridge.query('select token_hash from api_tokens'));
  await denied(bridge.query('select secret from webhooks'));
  await denied(bridge.query('select secret_sealed from alert_channels'));
  await denied(bridge.query('select token_hash from setup_tokens'));
  await denied(bridge.query('select token_hash from approval_links'));
  await denied(bridge.query('select payload from events'));
  for (const table of Object.keys(BRIDGE_DENIED)) assert.deepEqual(await rightsOn(table), [], table);
  assert.equal(await mayRunStudioWorkers(bridge), false);
  assert.equal(await mayMigrate(bridge), false);
  await denied(bridge.query('create table bridge_made (id int)'));
  assert.equal(await mayRunStudioWorkers(owner), true);
  assert.equal(await mayMigrate(owner), true);
});

test('it holds exactly its grants, whatever it held before: run again, a right added or taken by hand is undone', async () => {
  const expected = async () => {
    for (const g of BRIDGE_GRANTS)
      assert.deepEqual(
        await rightsOn(g.table),
        g.rights.filter((r) => !r.includes('(')),
        `table-wide rights on ${g.table}`,
      );
    assert.deepEqual(await missingBridgeRights(bridge), []);
  };
  await expected();
  await owner.exec(`grant select on users to ${ROLE}; grant delete on cron_jobs to ${ROLE};
                    revoke update on cron_runs from ${ROLE}; revoke insert on gateways from ${ROLE}`);
  assert.deepEqual(await missingBridgeRights(bridge), ['insert on gateways (name)', 'update on cron_runs']);
  await assert.rejects(
    checkBridgeDatabase(bridge),
    /lacks rights a bridge needs \(insert on gateways \(name\), update on cron_runs\).*bridge-role/,
  );
  const again = await grantBridgeRole(owner, { role: ROLE });
  assert.deepEqual(again, { created: false, password: null }, 'an existing role keeps its password');
  await expected();
  await denied(bridge.query('select 1 from users'));
});

test('as the role: a bridge writes its mirror, its gateway row, commands and the outbox', async () => {
  const job = await testCronJob(bridge, { name: 'written by the bridge role' });
  await bridge.query(`update gateways set state = 'connected' where id = $1`, [job.gateway_id]);
  await bridge.query(`insert into gateways (name) values ('new') on conflict (name) do nothing`);
  await denied(bridge.query(`insert into gateways (name, served_by) values ('newer', 'x')`));
  await enqueueCommand(owner, 'cron.run', { jobId: job.id, triggerType: 'manual' });
  const claimed = await claimNextCommand(bridge, 'bridge@remote', 60_000, job.gateway_id);
  assert.equal(claimed?.claimed_by, 'bridge@remote');
  assert.equal((await finishCommand(bridge, claimed!.id, { status: 'succeeded' }))?.status, 'succeeded');
  const [entry] = (await listActivity(owner, { action: 'cron.run' })).rows;
  assert.equal((await getActivity(owner, entry!.id))?.outcome, 'succeeded', "the command's activity entry finished");
  await checkBridgeDatabase(bridge);
});

test("as the role: what the simulator cannot show, OpenClaw's approvals and channels, a session settled", async () => {
  const asked = await bridge.transaction((tx) =>
    recordApprovalRequested(tx, {
      source: 'openclaw',
      externalId: 'approval-1',
      kind: 'exec',
      title: 'rm -rf build',
      allowedDecisions: ['allow-once', 'deny'],
      request: {},
      requestedAt: new Date(),
    }),
  );
  await bridge.transaction((tx) =>
    recordApprovalResolved(tx, {
      source: 'openclaw',
      externalId: 'approval-1',
      decision: 'deny',
      resolvedBy: 'operator',
      at: new Date(),
    }),
  );
  assert.equal((await getApproval(owner, asked!.id))?.status, 'denied');
  const up = { channel: 'telegram', accountId: 'default', label: null, error: null, detail: {} };
  await bridge.transaction((tx) => recordChannelStates(tx, 'openclaw', [{ ...up, state: 'up' }]));
  await bridge.transaction((tx) => recordChannelStates(tx, 'openclaw', []));
  assert.deepEqual(await listOpenclawChannels(owner), [], 'a channel no longer listed is deleted');
  const session = await spendingSession(bridge, { agentId: 'main', total: 10 });
  const settled = await bridge.transaction((tx) =>
    settleSession(tx, session.session_key, { status: 'cancelled', at: new Date(), reason: 'aborted' }),
  );
  assert.equal(settled, true);
});

test('the schema behind its code: the role does not migrate, it names what the owner runs', async () => {
  const [newest] = await owner.query<{ version: number; name: string }>(
    'delete from schema_migrations where version = (select max(version) from schema_migrations) returning *',
  );
  try {
    await assert.rejects(checkBridgeDatabase(bridge), (err: Error) => {
      assert.ok(err instanceof BridgeRoleError);
      assert.match(err.message, /older than this bridge's code.*agent-studio migrate.*agent-studio bridge-role/);
      return true;
    });
  } finally {
    await owner.query('insert into schema_migrations (version, name) values ($1, $2)', [newest!.version, newest!.name]);
  }
});

test('a table without the role’s policy shows it nothing, and its bridge says what to run (a role made before 0041)', async () => {
  await owner.exec(`drop policy studio_bridge_${ROLE} on cron_jobs`);
  await testCronJob(owner, { name: 'written by the owner' });
  assert.equal((await bridge.query('select 1 from cron_jobs')).length, 0, 'no policy for it: it sees nothing');
  assert.deepEqual(await missingBridgeRights(bridge), ['a row-level policy on cron_jobs']);
  await assert.rejects(checkBridgeDatabase(bridge), /a row-level policy on cron_jobs\): run `agent-studio bridge-role/);
  await grantBridgeRole(owner, { role: ROLE });
  assert.ok((await bridge.query('select 1 from cron_jobs')).length >= 2);
  await testCronJob(bridge, { name: 'written under row-level security' });
});

test('a role limited to one gateway (--gateway) reads and writes that gateway’s rows only', async () => {
  const [mine, other] = [await createGateway(owner, 'mine'), await createGateway(owner, 'other')];
  await grantBridgeRole(owner, { role: LIMITED, password: 'a limited password', gatewayId: mine.id });
  const url = new URL(t.url!);
  url.username = LIMITED;
  url.password = encodeURIComponent('a limited password');
  const limited = await openPostgres(url.toString());
  try {
    assert.deepEqual(await limitedToGateway(limited), { id: mine.id, name: 'mine' });
    assert.equal(await limitedToGateway(bridge), null, 'a role without a gateway sees them all');
    assert.equal(await limitedToGateway(owner), null);
    await checkBridgeDatabase(limited);

    const ours = await testCronJob(owner, { name: 'ours', gatewayId: mine.id });
    const theirs = await testCronJob(owner, { name: 'theirs', gatewayId: other.id });
    assert.deepEqual(
      (await limited.query<{ id: string }>('select id from cron_jobs')).map((j) => j.id),
      [ours.id],
    );
    assert.deepEqual(
      (await limited.query<{ name: string }>('select name from gateways')).map((g) => g.name),
      ['mine'],
    );
    // another gateway's rows: not written, not changed
    await assert.rejects(testCronJob(limited, { name: 'planted', gatewayId: other.id }), /row-level security/);
    await assert.rejects(limited.query(`insert into gateways (name) values ('a third')`), /row-level security/);
    const moved = await limited.query('update cron_jobs set name = $2 where id = $1 returning id', [theirs.id, 'x']);
    assert.equal(moved.length, 0);
    await assert.rejects(setCheckpoint(limited, 'openclaw', 'cron.runs', {}, other.id), /row-level security/);
    await setCheckpoint(limited, 'openclaw', 'cron.runs', {}, mine.id);
    await assert.rejects(acquireLease(limited, gatewayLeaseKey(other.id), 'h', 60_000), /row-level security/);
    assert.equal((await acquireLease(limited, gatewayLeaseKey(mine.id), 'h', 60_000)).acquired, true);

    // its gateway's commands only, and their activity entries
    await enqueueCommand(owner, 'cron.run', { jobId: theirs.id, triggerType: 'manual' }, { gatewayId: other.id });
    assert.equal(await claimNextCommand(limited, 'bridge@limited', 60_000, other.id), null);
    await enqueueCommand(owner, 'cron.run', { jobId: ours.id, triggerType: 'manual' }, { gatewayId: mine.id });
    const claimed = await claimNextCommand(limited, 'bridge@limited', 60_000, mine.id);
    assert.ok(claimed);
    await finishCommand(limited, claimed.id, { status: 'succeeded' });
    const [entry] = await owner.query<{ outcome: string }>('select outcome from activity where command_id = $1', [
      claimed.id,
    ]);
    assert.equal(entry?.outcome, 'succeeded');
    // its mirror writes, the roll-up triggers' rows included
    const session = await spendingSession(limited, { agentId: 'main', total: 10, gatewayId: mine.id });
    assert.equal(session.gateway_id, mine.id);
  } finally {
    await limited.close();
  }
});

test('an owner or administrator role is refused, not stripped of its rights', async () => {
  const [me] = await owner.query<{ name: string }>('select current_user as name');
  await assert.rejects(grantBridgeRole(owner, { role: me!.name }), BridgeRoleError);
  await assert.rejects(grantBridgeRole(owner, { role: 'Robert"; drop table users; --' }), BridgeRoleError);
});
