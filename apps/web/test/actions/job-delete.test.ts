// deleteJob: cron.remove through the gateway; a job already removed, or a crontab line, is refused and recorded.
import '../short-claim-timeout';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ensureHostCronJob, getCronJob } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { deleteJob } from '@/server/actions/job-delete';
import { lastActivity, mirroredJob, refusal, until, useActions } from './setup';

describeEachDriver('job-delete', (get) => {
  const { studio, owner } = useActions(get);

  test('removes the job from the gateway; the studio keeps it as removed, and a second delete is refused', async () => {
    const {
      sim,
      row: { id },
    } = await mirroredJob(studio(), 'Old job');
    const command = await deleteJob(await owner(), id);
    assert.equal(command.status, 'succeeded', command.error ?? '');
    assert.equal(studio().sim.jobs.has(sim.id), false);
    await until('marked removed', async () => (await getCronJob(studio().db, id))?.removed_at);
    const again = await refusal(deleteJob(await owner(), id), 'job_removed');
    assert.match(again.message, /already removed/);
    assert.equal((await lastActivity(studio().db, 'cron.remove'))?.outcome, 'failed');
  });

  test('a crontab line is not OpenClaw’s to remove', async () => {
    const host = await studio().db.transaction((tx) => ensureHostCronJob(tx, 'backup', '/usr/bin/backup'));
    const err = await refusal(deleteJob(await owner(), host.id), 'not_openclaw');
    assert.match(err.message, /crontab/);
  });
});
