// updateJob: the one way a job's schedule, zone, message or pause state changes (the API's PATCH and the
// metrics page's schedule suggestion both call it).
import '../short-claim-timeout';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { markCronJobRemoved } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import type { SimJob } from '@agent-studio/gateway-bridge/simulator/gateway-simulator';
import { updateJob } from '@/server/actions/job-update';
import { lastActivity, mirroredJob, refusal, useActions } from './setup';

describeEachDriver('job-update', (get) => {
  const { studio, owner } = useActions(get);
  let sim: SimJob;
  let jobId: string;

  before(async () => {
    const job = await mirroredJob(studio(), 'Digest');
    sim = job.sim;
    jobId = job.row.id;
  });

  test('a schedule suggestion (schedule and zone) changes the job in the gateway', async () => {
    const { job, change, command } = await updateJob(await owner(), jobId, {
      schedule: { kind: 'cron', expr: '30 8 * * *' },
      timezone: 'Europe/Paris',
    });
    assert.equal(command.status, 'succeeded', command.error ?? '');
    assert.equal(job.name, 'Digest');
    assert.deepEqual(change.schedule, { kind: 'cron', expr: '30 8 * * *' });
    assert.deepEqual(studio().sim.jobs.get(sim.id)?.schedule, { kind: 'cron', expr: '30 8 * * *', tz: 'Europe/Paris' });
  });

  test('pausing goes through cron.setEnabled', async () => {
    await updateJob(await owner(), jobId, { enabled: false });
    assert.equal(studio().sim.jobs.get(sim.id)?.enabled, false);
    assert.equal((await lastActivity(studio().db, 'cron.setEnabled'))?.outcome, 'succeeded');
  });

  test('a zone that does not exist, a schedule that never runs and an unknown job are refused by code', async () => {
    const zone = await refusal(updateJob(await owner(), jobId, { timezone: 'Mars/Olympus' }), 'invalid_request');
    assert.match(zone.message, /timezone/);
    const never = await refusal(
      updateJob(await owner(), jobId, { schedule: { kind: 'cron', expr: '0 0 31 2 *' } }),
      'invalid_request',
    );
    assert.match(never.message, /schedule/);
    await refusal(updateJob(await owner(), 'not-a-uuid', { enabled: true }), 'not_found');
    await refusal(updateJob(await owner(), jobId, {}), 'invalid_request');
  });

  test('a job removed from OpenClaw is refused, and the refusal recorded', async () => {
    const { sim: gone, row } = await mirroredJob(studio(), 'Gone');
    await studio().db.transaction((tx) => markCronJobRemoved(tx, 'openclaw', gone.id));
    await refusal(updateJob(await owner(), row.id, { message: 'again' }), 'job_removed');
    const entry = await lastActivity(studio().db, 'cron.update');
    assert.deepEqual([entry?.outcome, entry?.target_label], ['failed', 'Gone']);
  });
});
