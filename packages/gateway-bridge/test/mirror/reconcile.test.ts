// The reconcile (reconcile.ts): jobs, runs and their sessions as the gateway's lists say.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { getAgentSessionByKey, getCronJobByExternalId, getCronRunByExternalId } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { silentLogger as quiet } from '../../src/logger';
import { GatewayMirror } from '../../src/mirror/gateway-mirror';
import * as translate from '../../src/mirror/translate';
import { entries, RecordedGateway, reconcileAnswers, recordedEvents, rows, type Entry } from '../recorded-gateway';
import { ABORTED_BASE, ABORTED_RUN, TOOL_ERROR_RUN, asFirstConnect, at } from './frames';

describeEachDriver('reconcile: runs and their sessions', (get) => {
  test("item 5: a run's session first listed from its job's row (no status) takes its run's start and end once the run is recorded", async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // the run ended between the two calls of a reconcile: cron.runs did not have it yet, sessions.list did
    const row = rows('sessions-list-after-restart').find((r) => r.key === ABORTED_BASE)!;
    await mirror.reconcile(new RecordedGateway(reconcileAnswers({ runs: [], sessions: [row] })));
    const run = entries('cron-runs-aborted')[0]!;
    assert.equal(String(run.sessionKey), ABORTED_RUN);
    assert.notEqual((await getAgentSessionByKey(db, ABORTED_RUN))?.status, 'running');
    // the next pass has the run
    await mirror.reconcile(new RecordedGateway(reconcileAnswers({ runs: [run], sessions: [row] })));
    const session = (await getAgentSessionByKey(db, ABORTED_RUN))!;
    assert.equal(session.started_at.toISOString(), at(run.runAtMs));
    assert.equal(session.status, 'cancelled', 'the operator aborted it');
    assert.equal(session.completed_at?.toISOString(), at(run.runAtMs + Number(run.durationMs)));
  });

  test("items 4 and 5: a finished run's session starts when its run started and has the gateway's tokens and cost", async () => {
    const { db } = get();
    const mirror = new GatewayMirror(db, quiet);
    await asFirstConnect(db);
    // seen live: the run's session row (created 1.2 s after the run began), its messages' usage, its end
    await mirror.handleAll(recordedEvents('events-toolerror'));
    const run = entries('cron-runs-toolerror')[0]!;
    await mirror.reconcile(
      new RecordedGateway(reconcileAnswers({ runs: [run], sessions: rows('sessions-list-after-restart') })),
    );

    const session = (await getAgentSessionByKey(db, TOOL_ERROR_RUN))!;
    assert.equal(session.started_at.toISOString(), at(run.runAtMs), 'the run began at its runAtMs');
    assert.equal(session.status, 'completed');
    const { input, output, total } = session.token_usage as { input: number; output: number; total: number };
    assert.deepEqual({ input, output, total }, { input: 84, output: 14, total: 98 });
    assert.equal(Number(session.cost_usd), 0.000112);
  });

  test('cancelled: the runs are stored as the gateway ended them', async () => {
    const { db } = get();
    await new GatewayMirror(db, quiet).reconcile(
      new RecordedGateway(
        reconcileAnswers({
          runs: [
            ...entries('cron-runs-aborted'),
            ...entries('cron-runs-429-timeout'),
            ...entries('cron-runs-interrupted-by-restart'),
          ],
          sessions: [],
        }),
      ),
    );
    const statusOf = async (name: string) => {
      const e = entries(name)[0]!;
      const job = (await getCronJobByExternalId(db, translate.SOURCE, e.jobId))!;
      return (await getCronRunByExternalId(db, job.id, translate.runExternalId(e.runAtMs)))?.status;
    };
    assert.equal(await statusOf('cron-runs-aborted'), 'cancelled');
    assert.equal(await statusOf('cron-runs-429-timeout'), 'timeout');
    assert.equal(await statusOf('cron-runs-interrupted-by-restart'), 'failed');
    assert.equal(
      (await getAgentSessionByKey(db, String(entries('cron-runs-aborted')[0]!.sessionKey)))?.status,
      'cancelled',
    );
  });
});

// cron.runs is read page by page (newest first) until the checkpoint: a run history longer than a page, as after
// a long outage or on a first connect, is mirrored whole (the mutant "reconcile skips a page of runs").
// the mirror asks for 200 a page: more than two pages of one recorded job's runs, five minutes apart (a page is
// then longer than the 6 h the mirror reads again before its checkpoint)
const RUNS = 450;
const APART = 5 * 60_000;

describeEachDriver('cron.runs paged', (get) => {
  test(`a first connect mirrors every run of a history of ${RUNS} (three pages); the next pass reads one page`, async () => {
    const { db } = get();
    const template = entries('cron-runs-jobA')[0]!;
    const newest = Date.now() - 60_000;
    const runs: Entry[] = Array.from({ length: RUNS }, (_, i) => {
      const sessionId = randomUUID();
      return {
        ...template,
        runAtMs: newest - i * APART,
        ts: newest - i * APART + 3062,
        runId: `manual:${template.jobId}:${i}`,
        sessionId,
        sessionKey: `agent:main:cron:${template.jobId}:run:${sessionId}`,
      };
    });
    const gw = new RecordedGateway(reconcileAnswers({ runs, sessions: [] }));
    await new GatewayMirror(db, quiet).reconcile(gw);

    const job = (await getCronJobByExternalId(db, translate.SOURCE, template.jobId))!;
    const stored = await db.query<{ external_id: string }>('select external_id from cron_runs where job_id = $1', [
      job.id,
    ]);
    const missing = runs
      .map((r) => translate.runExternalId(r.runAtMs))
      .filter((id) => !stored.some((s) => s.external_id === id));
    assert.deepEqual(missing, [], `${missing.length} of ${RUNS} runs not mirrored`);
    assert.equal(stored.length, RUNS);
    assert.deepEqual(
      gw.callsOf('cron.runs').map((c) => c.params.offset),
      [0, 200, 400],
    );

    // one more run: the next pass stops at the first page, which reaches the checkpoint
    runs.unshift({ ...runs[0]!, runAtMs: newest + APART, runId: `manual:${template.jobId}:new` });
    gw.calls.length = 0;
    await new GatewayMirror(db, quiet).reconcile(gw);
    assert.deepEqual(
      gw.callsOf('cron.runs').map((c) => c.params.offset),
      [0],
    );
    assert.equal((await db.query('select 1 from cron_runs where job_id = $1', [job.id])).length, RUNS + 1);
  });
});
