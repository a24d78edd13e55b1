// Migration 0033 (issue 18: gateways are first-class) on a populated database, on both drivers: a database at
// 0032 holding rows in every mirrored table (written by the query functions, as the bridge writes them) keeps
// every row and every value, each row now on the default gateway; then a second gateway may hold the same
// OpenClaw job id, session key, approval id, channel and file as the first.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Db, Queryable } from '../src/db';
import { loadMigrations, migrate } from '../src/migrate';
import {
  DEFAULT_GATEWAY_ID,
  archiveGtmOutputByPath,
  createGateway,
  createRootSessions,
  ensureHostCronJob,
  getAgentSessionByKey,
  getApprovalByExternalId,
  getCronJobByExternalId,
  insertRunLogs,
  insertSessionLogs,
  listOpenclawChannels,
  markCronJobRemoved,
  recordApprovalRequested,
  recordApprovalResolved,
  recordChannelStates,
  upsertAgentSession,
  upsertCronJob,
  upsertCronRun,
  upsertCronRuns,
  upsertGtmOutputFromFile,
  type AgentSessionInput,
  type ApprovalInput,
  type ChannelStateInput,
  type CronJobInput,
  type GtmFileInput,
} from '../src/index';
import { drivers, type TestDatabase, testedDrivers } from './kit/testing';

const GATEWAYS = loadMigrations().find((m) => m.name === '0033_create_gateways')!;
const BEFORE = loadMigrations().filter((m) => m.version < GATEWAYS.version);

/** The tables whose rows come from OpenClaw, parents first, each with the order its rows are compared in. */
const MIRRORED = {
  cron_jobs: 'id',
  agent_sessions: 'id',
  cron_runs: 'id',
  agent_logs: 'seq',
  gtm_outputs: 'id',
  approvals: 'id',
  openclaw_channels: 'channel, account_id',
} as const;
type Mirrored = keyof typeof MIRRORED;
const mirrored = Object.keys(MIRRORED) as Mirrored[];

const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(Date.UTC(2026, 10, 20, 12) - hoursAgo * HOUR);

const job = (externalId: string, name: string): CronJobInput => ({
  source: 'openclaw',
  externalId,
  name,
  schedule: '0 7 * * *',
  timezone: 'Europe/Berlin',
  command: `Write the ${name.toLowerCase()}`,
  enabled: true,
  agentId: 'main',
  scheduleKind: 'cron',
  scheduleSpec: { kind: 'cron', expr: '0 7 * * *', tz: 'Europe/Berlin' },
  payload: { kind: 'agentTurn', message: `Write the ${name.toLowerCase()}` },
  nextRunAt: at(-19),
});
const session = (sessionKey: string, over: Partial<AgentSessionInput> = {}): AgentSessionInput => ({
  sessionKey,
  agentName: 'main',
  agentType: 'singleton',
  status: 'completed',
  agentId: 'main',
  startedAt: at(3),
  lastActivityAt: at(2),
  completedAt: at(2),
  tokenUsage: { input: 1200, output: 300, total: 1500 },
  costUsd: 0.0042,
  model: 'gpt-5-mini',
  provider: 'openai',
  ...over,
});
const approval = (externalId: string): ApprovalInput => ({
  source: 'openclaw',
  externalId,
  kind: 'exec',
  title: 'rm -rf build/',
  description: '/home/claw/site',
  agentId: 'main',
  sessionKey: 'agent:main:main',
  allowedDecisions: ['allow-once', 'deny'],
  request: { command: 'rm -rf build/', cwd: '/home/claw/site' },
  requestedAt: at(1),
  expiresAt: at(-1),
});
const telegram: ChannelStateInput = {
  channel: 'telegram',
  accountId: 'default',
  label: 'Telegram',
  state: 'up',
  error: null,
  detail: { running: true, connected: true },
};
const whatsapp: ChannelStateInput = {
  ...telegram,
  channel: 'whatsapp',
  label: 'WhatsApp',
  state: 'down',
  error: 'not linked',
};
const file = (path: string, title: string): GtmFileInput => ({
  sourceFilePath: path,
  title,
  contentType: 'blog_post',
  tags: ['launch'],
  priority: 3,
  contentMd: `# ${title}\n\nWhat the digest found this week.`,
  contentHtml: `<h1>${title}</h1>\n<p>What the digest found this week.</p>`,
  fileHash: `hash-of-${title}`,
});

/** A day of a small install, written the way the bridge writes it: something in every mirrored table. */
async function populate(db: Db) {
  await db.transaction(async (tx) => {
    const digest = (await upsertCronJob(tx, job('digest', 'Daily digest'))).row;
    const report = (await upsertCronJob(tx, job('report', 'Weekly report'))).row;
    await upsertCronJob(tx, job('gone', 'Old job'));
    await markCronJobRemoved(tx, 'openclaw', 'gone');
    const runs = await upsertCronRuns(
      tx,
      [0, 1, 2].map((i) => ({
        jobId: i === 2 ? report.id : digest.id,
        externalId: `run-${i}`,
        startedAt: at(10 - i),
        finishedAt: new Date(at(10 - i).getTime() + 42_000),
        status: i === 1 ? ('failed' as const) : ('completed' as const),
        durationMs: 42_000,
        sessionKey: `agent:main:cron:${i === 2 ? 'report' : 'digest'}:run:run-${i}`,
        summary: i === 1 ? null : 'Wrote the digest',
        error: i === 1 ? 'provider returned 429' : null,
        model: 'gpt-5-mini',
        provider: 'openai',
        tokenUsage: { input: 900, output: 100, total: 1000 },
        costUsd: 0.003,
      })),
    );
    const main = (await upsertAgentSession(tx, session('agent:main:main', { status: 'running', completedAt: null })))
      .row;
    // a child that arrived before its parent, then the parent: linked into one swarm
    await upsertAgentSession(
      tx,
      session('agent:main:subagent:research', {
        agentType: 'subagent',
        parentSessionKey: 'agent:main:main',
        spawnDepth: 1,
        taskDescription: 'Find three sources',
      }),
    );
    await createRootSessions(
      tx,
      runs.map((r) =>
        session(r.row.session_key!, { agentType: 'cron', agentName: 'Daily digest', cronJobId: r.row.job_id }),
      ),
    );
    const sessionId = (await getAgentSessionByKey(tx, runs[0]!.row.session_key!))!.id;
    await insertSessionLogs(tx, [
      { sessionId: main.id, externalId: 'msg-1', level: 'info', message: 'Summarise the inbox', timestamp: at(2) },
      {
        sessionId,
        externalId: 'tool:call-1',
        level: 'info',
        message: 'tool write',
        timestamp: at(10),
        toolName: 'write',
        toolInput: { path: 'gtm/digest.md' },
        toolOutput: { ok: true },
        toolDurationMs: 12,
      },
    ]);
    const host = await ensureHostCronJob(tx, 'backup', '/usr/local/bin/backup.sh');
    const { row: hostRun } = await upsertCronRun(tx, {
      jobId: host.id,
      externalId: 'host-run-1',
      startedAt: at(5),
      finishedAt: at(4.9),
      status: 'completed',
      exitCode: 0,
    });
    await insertRunLogs(tx, hostRun, [
      { seq: 1, stream: 'stdout', text: 'backing up 3 folders', at: at(5) },
      { seq: 2, stream: 'stderr', text: 'warning: cache skipped', at: at(4.95) },
    ]);
    await upsertGtmOutputFromFile(tx, {
      ...file('/home/claw/.openclaw/workspace/gtm/digest.md', 'Weekly digest'),
      sourceJobId: digest.id,
      sourceRunId: runs[0]!.row.id,
      sourceSessionId: sessionId,
    });
    await upsertGtmOutputFromFile(tx, file('/home/claw/.openclaw/workspace/gtm/old.md', 'Old post'));
    await archiveGtmOutputByPath(tx, '/home/claw/.openclaw/workspace/gtm/old.md');
    await recordApprovalRequested(tx, approval('appr-1'));
    await recordApprovalRequested(tx, approval('appr-2'));
    await recordApprovalResolved(tx, {
      source: 'openclaw',
      externalId: 'appr-2',
      decision: 'deny',
      resolvedBy: 'owner',
      at: at(0.5),
    });
    await recordChannelStates(tx, 'openclaw', [telegram, whatsapp]);
  });
}

/** Every row of a table as JSON, in a stable order. */
const rowsOf = (db: Queryable, table: Mirrored) =>
  db
    .query<{ row: Record<string, unknown> }>(`select to_jsonb(t) as row from ${table} t order by ${MIRRORED[table]}`)
    .then((rows) => rows.map((r) => r.row));

/** Copies the mirrored rows of `from` into `to` (a database at 0032): generated columns are computed again. */
async function copyMirrored(from: Db, to: Db) {
  for (const table of mirrored) {
    const rows = await rowsOf(from, table);
    const columns = (
      await to.query<{ c: string }>(
        `select column_name::text as c from information_schema.columns
          where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
        [table],
      )
    ).map((r) => `"${r.c}"`);
    await to.query(
      `insert into ${table} (${columns}) overriding system value
       select ${columns} from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
      [JSON.stringify(rows)],
    );
  }
}

async function countsOf(db: Db): Promise<Map<string, number>> {
  const tables = await db.query<{ t: string }>(
    `select tablename::text as t from pg_tables where schemaname = 'public' order by 1`,
  );
  const counts = new Map<string, number>();
  for (const { t } of tables) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${t}`);
    counts.set(t, row!.n);
  }
  return counts;
}

for (const kind of testedDrivers()) {
  describe(`migration 0033, gateways, on a populated database [${kind}]`, () => {
    let source: TestDatabase;
    let old: TestDatabase;
    const snapshot: Partial<Record<Mirrored, Record<string, unknown>[]>> = {};
    let countsBefore: Map<string, number>;

    before(async () => {
      [source, old] = await Promise.all([drivers[kind](), drivers[kind]({ migrate: false })]);
      await populate(source.db);
      await migrate(old.db, BEFORE);
      await copyMirrored(source.db, old.db);
      for (const table of mirrored) snapshot[table] = await rowsOf(old.db, table);
      countsBefore = await countsOf(old.db);
      // 0033 first, then any later migration (the tests use today's queries)
      assert.equal((await migrate(old.db))[0], GATEWAYS.name);
    });
    after(async () => {
      await Promise.all([source?.drop(), old?.drop()]);
    });

    test('the database at 0032 held rows in every mirrored table', () => {
      for (const table of mirrored) assert.ok(snapshot[table]!.length > 0, `${table} has rows`);
      assert.ok(
        snapshot.agent_sessions!.some((s) => s.parent_session_id),
        'a linked sub-agent',
      );
      assert.ok(snapshot.agent_logs!.some((l) => l.run_id) && snapshot.agent_logs!.some((l) => l.session_id));
    });

    test('every row keeps every value, and is on the default gateway', async () => {
      for (const table of mirrored) {
        // the columns it had at 0032 (0033 adds gateway_id, later migrations may add others)
        const had = Object.keys(snapshot[table]![0]!);
        const now = (await rowsOf(old.db, table)).map((r) => Object.fromEntries(had.map((k) => [k, r[k]])));
        assert.deepEqual(now, snapshot[table], `${table} unchanged`);
        const gateways = await old.db.query<{ gateway_id: string }>(`select distinct gateway_id from ${table}`);
        assert.deepEqual(gateways, [{ gateway_id: DEFAULT_GATEWAY_ID }], `${table} on the default gateway`);
      }
      const counts = await countsOf(old.db);
      for (const [table, n] of countsBefore)
        if (table !== 'schema_migrations') assert.equal(counts.get(table), n, `${table} rows`);
      assert.deepEqual(await old.db.query('select id, name, state from gateways'), [
        { id: DEFAULT_GATEWAY_ID, name: 'default', state: 'unknown' },
      ]);
    });

    test('on the default gateway, writing what is there again changes nothing', async () => {
      const db = old.db;
      assert.equal((await upsertCronJob(db, job('digest', 'Daily digest'))).changed, false);
      assert.equal(
        (await upsertAgentSession(db, session('agent:main:subagent:research', { agentType: 'subagent' }))).created,
        false,
      );
      assert.equal(await recordApprovalRequested(db, approval('appr-1')), null);
      assert.deepEqual(await recordChannelStates(db, 'openclaw', [telegram, whatsapp]), []);
      for (const table of ['cron_jobs', 'agent_sessions', 'approvals', 'openclaw_channels'] as const)
        assert.equal((await rowsOf(db, table)).length, snapshot[table]!.length, `${table} rows`);
    });

    test('a second gateway holds the same job id, session key, approval id, channel and file', async () => {
      const db = old.db;
      const work = await createGateway(db, 'work');
      const gatewayId = work.id;
      const theirJob = await upsertCronJob(db, { ...job('digest', 'Work digest'), gatewayId });
      assert.equal(theirJob.created, true);
      const ours = (await getCronJobByExternalId(db, 'openclaw', 'digest'))!;
      assert.notEqual(theirJob.row.id, ours.id);
      assert.equal(ours.name, 'Daily digest');
      assert.equal((await getCronJobByExternalId(db, 'openclaw', 'digest', gatewayId))!.id, theirJob.row.id);

      const theirs = await upsertAgentSession(db, session('agent:main:main', { gatewayId, agentName: 'work' }));
      assert.equal(theirs.created, true);
      assert.equal((await getAgentSessionByKey(db, 'agent:main:main'))!.agent_name, 'main');
      assert.equal((await getAgentSessionByKey(db, 'agent:main:main', gatewayId))!.id, theirs.row.id);
      // a child on the second gateway links to its parent there, not to the default gateway's session
      const child = await upsertAgentSession(
        db,
        session('agent:main:subagent:research', {
          gatewayId,
          agentType: 'subagent',
          parentSessionKey: 'agent:main:main',
        }),
      );
      assert.equal(child.row.parent_session_id, theirs.row.id);

      const run = await upsertCronRun(db, {
        jobId: theirJob.row.id,
        externalId: 'run-0',
        startedAt: at(1),
        status: 'running',
      });
      assert.equal(run.created, true);
      assert.equal(run.row.gateway_id, gatewayId, "a run is on its job's gateway");

      assert.ok(await recordApprovalRequested(db, { ...approval('appr-1'), gatewayId }));
      assert.equal((await getApprovalByExternalId(db, 'openclaw', 'appr-1'))!.status, 'pending');
      assert.equal((await getApprovalByExternalId(db, 'openclaw', 'appr-1', gatewayId))!.gateway_id, gatewayId);

      await recordChannelStates(db, 'openclaw', [{ ...telegram, state: 'down' }], new Date(), gatewayId);
      const telegrams = (await listOpenclawChannels(db)).filter((c) => c.channel === 'telegram');
      assert.equal(telegrams.length, 2);
      assert.equal(telegrams.find((c) => c.gateway_id === DEFAULT_GATEWAY_ID)?.state, 'up');
      assert.equal(telegrams.find((c) => c.gateway_id === gatewayId)?.state, 'down');

      const item = await upsertGtmOutputFromFile(db, {
        ...file('/home/claw/.openclaw/workspace/gtm/digest.md', 'Work digest'),
        gatewayId,
      });
      assert.equal(item.created, true);
    });
  });
}
