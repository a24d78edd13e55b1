// cron.runs is read page by page (newest first) until the checkpoint: a run history longer than a page, as after
// a long outage or on a first connect, is mirrored whole (the mutant "reconcile skips a page of runs").
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { getCronJobByExternalId } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import type { Logger } from '../src/logger';
import { GatewayMirror } from '../src/mirror/mirror';
import * as translate from '../src/mirror/translate';
import { entries, RecordedGateway, reconcileAnswers, type Entry } from './recorded-gateway';

const quiet: Logger = { info() {}, warn() {}, error() {} };
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
