// createJob: a job made in OpenClaw through the bridge, or refused (and recorded) before it reaches the gateway.
import '../short-claim-timeout';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCronJob } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { createJob } from '@/server/actions/job-create';
import { lastActivity, newJobBody, refusal, useActions } from './setup';

const newJob = newJobBody;

describeEachDriver('job-create', (get) => {
  const { studio, owner } = useActions(get);

  test('creates the job in the gateway and returns its mirrored id, recorded as the owner’s', async () => {
    const { jobId, command } = await createJob(await owner(), newJob);
    assert.equal(command.status, 'succeeded');
    assert.equal((await getCronJob(studio().db, jobId!))?.name, 'Morning brief');
    assert.ok([...studio().sim.jobs.values()].some((j) => j.name === 'Morning brief'));
    const entry = await lastActivity(studio().db, 'cron.add');
    assert.deepEqual([entry?.outcome, entry?.actor_kind, entry?.target_id], ['succeeded', 'owner', jobId]);
  });

  test('a schedule that never runs is refused naming the field, recorded, and never reaches the gateway', async () => {
    const before = studio().sim.jobs.size;
    const err = await refusal(
      createJob(await owner(), { ...newJob, name: 'Never', schedule: { kind: 'cron', expr: '0 0 31 2 *' } }),
      'invalid_request',
    );
    assert.equal((err.details as { issues: { field: string }[] }).issues[0]!.field, 'schedule');
    assert.equal(studio().sim.jobs.size, before);
    const entry = await lastActivity(studio().db, 'cron.add');
    assert.deepEqual([entry?.outcome, entry?.target_label], ['failed', 'Never']);
  });

  test('an input its schema refuses names each field', async () => {
    const err = await refusal(
      createJob(await owner(), { ...newJob, name: '', session: 'elsewhere' }),
      'invalid_request',
    );
    const fields = (err.details as { issues: { field: string }[] }).issues.map((i) => i.field);
    assert.deepEqual(fields.sort(), ['name', 'session']);
  });
});
