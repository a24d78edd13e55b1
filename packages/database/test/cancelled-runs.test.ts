// What counts as a failure (issue 20 item 9): agent sessions that ended in error join the failed runs, and a
// run cancelled by its owner or a budget is neither a success nor a failure anywhere (success rate, run
// statistics and their rollups, failure lists, the job's last status, job.failed).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { webhookEventFor } from '@agent-studio/core/webhook-events';
import { createPgliteDatabase, describeEachDriver } from './kit/testing';
import {
  cronSuccessRate,
  getCronJob,
  insertAgentLogs,
  listFailedRuns,
  listFailedSessions,
  runStatsByJob,
  runSuccessOverTime,
  upsertAgentSession,
  upsertCronJob,
  upsertCronRun,
  type AgentSessionInput,
  type CronRunStatus,
  type Db,
} from '../src/index';
import { loadMigrations, migrate } from '../src/migrate';
import { eventMark, payloadsOf } from './helpers';

const newJob = async (db: Db, name = 'Cancel me') =>
  (
    await upsertCronJob(db, {
      source: 'openclaw',
      externalId: randomUUID(),
      name,
      schedule: '0 * * * *',
      timezone: 'UTC',
      command: 'x',
      enabled: true,
      scheduleKind: 'cron',
      scheduleSpec: { kind: 'cron', expr: '0 * * * *' },
      payload: { kind: 'agentTurn', message: 'x' },
      nextRunAt: null,
    })
  ).row;

const at = (iso: string) => new Date(iso);

async function addRun(db: Db, jobId: string, startedAt: Date, status: CronRunStatus, error: string | null = null) {
  return db.transaction(
    async (tx) =>
      (
        await upsertCronRun(tx, {
          jobId,
          externalId: randomUUID(),
          startedAt,
          finishedAt: new Date(startedAt.getTime() + 60_000),
          durationMs: 60_000,
          status,
          error,
        })
      ).row,
  );
}

async function addSession(
  db: Db,
  over: Partial<AgentSessionInput> & Pick<AgentSessionInput, 'agentName' | 'agentType' | 'status'>,
  errorLines: string[] = [],
) {
  const ended = over.completedAt ?? new Date();
  const { row } = await db.transaction((tx) =>
    upsertAgentSession(tx, {
      sessionKey: `agent:main:${randomUUID()}`,
      lastActivityAt: ended,
      completedAt: ended,
      ...over,
    }),
  );
  if (errorLines.length) {
    await db.transaction((tx) =>
      insertAgentLogs(tx, row.id, [
        { externalId: 'u', level: 'info', message: 'user: do the thing', timestamp: ended },
        ...errorLines.map((message, i) => ({
          externalId: `e${i}`,
          level: 'error' as const,
          message,
          timestamp: ended,
        })),
      ]),
    );
  }
  return row;
}

describeEachDriver('failures and cancelled runs', (get) => {
  test('a cancelled run: its own event status, no job.failed, the job last "cancelled" (not failing)', async () => {
    const { db } = get();
    const job = await newJob(db);
    const mark = await eventMark(db);
    const run = await addRun(db, job.id, new Date(), 'cancelled', 'aborted by the owner');
    const events = await mark.since();
    const [completed] = payloadsOf(events, 'cron.run.completed');
    assert.equal(completed?.status, 'cancelled');
    assert.equal(completed?.runId, run.id);
    assert.deepEqual(events.map(webhookEventFor).filter(Boolean), [], 'no webhook event: a cancelled run did not fail');
    assert.equal((await getCronJob(db, job.id))?.last_status, 'cancelled');

    const failedMark = await eventMark(db);
    await addRun(db, job.id, new Date(Date.now() + 1000), 'failed', 'Rate limit exceeded (429)');
    assert.deepEqual(
      (await failedMark.since()).map(webhookEventFor).filter(Boolean),
      ['job.failed'],
      'a failed run still fires job.failed',
    );
  });

  test('the success rate, the runs per job and the rate over time leave cancelled runs out (raw runs and rollups alike)', async () => {
    const { db } = get();
    const job = await newJob(db, 'Rated job');
    // 2 March: 3 completed, 1 failed, 4 cancelled (whole day: read from the rollups); 1 March afternoon, the
    // range's partial first day (read from the runs): 1 completed, 2 cancelled
    for (let h = 0; h < 8; h++)
      await addRun(db, job.id, at(`2026-03-02T0${h}:00:00Z`), h < 3 ? 'completed' : h === 3 ? 'failed' : 'cancelled');
    for (let h = 0; h < 3; h++)
      await addRun(db, job.id, at(`2026-03-01T1${h + 3}:00:00Z`), h === 0 ? 'completed' : 'cancelled');
    const range = {
      from: at('2026-03-01T12:00:00Z'),
      to: at('2026-03-04T00:00:00Z'),
      bucket: 'day' as const,
      timeZone: 'UTC',
    };
    const [stats] = (await runStatsByJob(db, range)).filter((s) => s.job_id === job.id);
    assert.deepEqual({ runs: stats?.runs, succeeded: stats?.succeeded }, { runs: 5, succeeded: 4 });
    const overTime = await runSuccessOverTime(db, range);
    assert.deepEqual(
      overTime.map((b) => [b.bucket.toISOString().slice(0, 10), b.runs, b.succeeded]),
      [
        ['2026-03-01', 1, 1],
        ['2026-03-02', 4, 3],
      ],
    );
    // a run cancelled after it was counted as running leaves nothing behind either
    const late = await addRun(db, job.id, at('2026-03-02T09:00:00Z'), 'running');
    await db.transaction((tx) =>
      upsertCronRun(tx, {
        jobId: job.id,
        externalId: late.external_id!,
        startedAt: late.started_at,
        status: 'cancelled',
      }),
    );
    assert.deepEqual(
      (await runSuccessOverTime(db, range)).map((b) => b.runs),
      [1, 4],
    );

    const recent = await newJob(db, 'Recent job');
    const before = await cronSuccessRate(db, { since: new Date(Date.now() - 3_600_000) });
    await addRun(db, recent.id, new Date(), 'completed');
    await addRun(db, recent.id, new Date(), 'cancelled');
    await addRun(db, recent.id, new Date(), 'cancelled');
    const after = await cronSuccessRate(db, { since: new Date(Date.now() - 3_600_000) });
    assert.deepEqual(
      { total: after.total - before.total, succeeded: after.succeeded - before.succeeded },
      { total: 1, succeeded: 1 },
    );
  });

  test('failures: runs that failed or timed out, and sub-agents, chats and swarm roots that ended in error, with their error text; not a cron run’s session, nothing cancelled', async () => {
    const { db } = get();
    const since = new Date(Date.now() - 60_000);
    const job = await newJob(db, 'Job with a session');
    const writer = await addSession(db, {
      agentName: 'writer',
      agentType: 'subagent',
      status: 'error',
      progressMessage: 'Context window exceeded',
    });
    const chat = await addSession(
      db,
      {
        agentName: 'chat with Ann',
        agentType: 'singleton',
        status: 'error',
        progressMessage: 'please summarise the thread',
      },
      ['tool write (result)', 'Context overflow: prompt too large for the model.'],
    );
    const silentChat = await addSession(db, {
      agentName: 'quiet chat',
      agentType: 'singleton',
      status: 'error',
      progressMessage: 'what is new?',
    });
    const swarm = await addSession(db, { agentName: 'swarm root', agentType: 'swarm', status: 'error' }, [
      'Rate limit exceeded (429)',
    ]);
    await addSession(db, {
      agentName: 'Automation: job',
      agentType: 'cron',
      status: 'error',
      cronJobId: job.id,
      progressMessage: 'cron: job failed',
    });
    await addSession(db, {
      agentName: 'stopped',
      agentType: 'subagent',
      status: 'cancelled',
      progressMessage: 'aborted',
    });
    await addSession(db, { agentName: 'fine', agentType: 'subagent', status: 'completed' });
    await addSession(db, {
      agentName: 'old',
      agentType: 'subagent',
      status: 'error',
      completedAt: new Date(since.getTime() - 86_400_000),
    });

    const rows = await listFailedSessions(db, { since });
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.deepEqual(new Set(byId.keys()), new Set([writer.id, chat.id, silentChat.id, swarm.id]));
    assert.equal(
      byId.get(writer.id)?.error,
      'Context window exceeded',
      'a sub-agent without an error line: its task’s terminal summary',
    );
    assert.equal(
      byId.get(chat.id)?.error,
      'Context overflow: prompt too large for the model.',
      'the newest error line',
    );
    assert.equal(byId.get(silentChat.id)?.error, null, 'a chat’s preview (its own question) is not an error');
    assert.equal(byId.get(swarm.id)?.agent_name, 'swarm root');
    assert.ok(
      rows.every((r, i) => i === 0 || rows[i - 1]!.ended_at >= r.ended_at),
      'newest first',
    );

    const failed = await addRun(db, job.id, new Date(), 'failed', 'Rate limit exceeded (429)');
    const timedOut = await addRun(db, job.id, new Date(), 'timeout', 'timed out');
    await addRun(db, job.id, new Date(), 'cancelled', 'aborted by a budget');
    const runIds = (await listFailedRuns(db, { since })).filter((r) => r.job_id === job.id).map((r) => r.id);
    assert.deepEqual(new Set(runIds), new Set([failed.id, timedOut.id]));
  });
});

test('migration 0026 takes the cancelled runs already counted out of the rollups', async () => {
  const t = await createPgliteDatabase({ migrate: false });
  try {
    await migrate(
      t.db,
      loadMigrations().filter((m) => m.version < 26),
    );
    // a job as the code of that version wrote it (today's upsertCronJob names a gateway, a column of 0033)
    const [job] = await t.db.query<{ id: string }>(
      `insert into cron_jobs (name, schedule, command, external_id) values ('Before 0026', '0 7 * * *', 'x', $1) returning id`,
      [randomUUID()],
    );
    for (const status of ['completed', 'failed', 'cancelled', 'cancelled'] as const) {
      await t.db.query('insert into cron_runs (job_id, started_at, status, duration_ms) values ($1, $2, $3, 1000)', [
        job!.id,
        at('2026-02-10T10:00:00Z'),
        status,
      ]);
    }
    const totals = () =>
      t.db.query<{ runs: number; succeeded: number }>(
        `select sum(runs)::int as runs, sum(succeeded)::int as succeeded from cron_run_totals where grain = 'day'`,
      );
    assert.deepEqual(await totals(), [{ runs: 4, succeeded: 1 }], 'counted as failures before');
    await migrate(t.db);
    assert.deepEqual(await totals(), [{ runs: 2, succeeded: 1 }]);
    const [perJob] = await t.db.query<{ runs: number }>(
      `select sum(runs)::int as runs from cron_run_rollups where grain = 'month' and job_id = $1`,
      [job!.id],
    );
    assert.equal(perJob?.runs, 2);
  } finally {
    await t.drop();
  }
});
