// runJob: a manual run (or a retry of one of the job's runs) through the gateway, answering with the run's id.
import '../short-claim-timeout';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { getCronRun, markCronJobRemoved } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { runJob } from '@/server/actions/job-run';
import { mirroredJob, refusal, until, useActions } from './setup';

describeEachDriver('job-run', (get) => {
  const { studio, owner } = useActions(get);
  const addJob = (name: string) => mirroredJob(studio(), name);
  let job: Awaited<ReturnType<typeof addJob>>;
  before(async () => (job = await addJob('Runner')));

  test('starts a manual run and returns its id; a retry names the run it repeats', async () => {
    const { runId } = await runJob(await owner(), job.row.id, {});
    assert.ok(runId);
    const run = await until('run mirrored', () => getCronRun(studio().db, runId));
    assert.equal(run.trigger_type, 'manual');
    const retry = await runJob(await owner(), job.row.id, { retryOfRunId: run.id });
    assert.equal((await until('retry mirrored', () => getCronRun(studio().db, retry.runId!))).trigger_type, 'retry');
  });

  test('a run of another job cannot be retried here; a removed job cannot run', async () => {
    const other = await addJob('Other');
    const { runId } = await runJob(await owner(), other.row.id, {});
    await until('run mirrored', () => getCronRun(studio().db, runId!));
    const err = await refusal(runJob(await owner(), job.row.id, { retryOfRunId: runId }), 'invalid_request');
    assert.match(err.message, /not a run of this job/);
    await studio().db.transaction((tx) => markCronJobRemoved(tx, 'openclaw', other.sim.id));
    const removed = await refusal(runJob(await owner(), other.row.id, {}), 'job_removed');
    assert.match(removed.message, /removed from OpenClaw/);
  });
});
