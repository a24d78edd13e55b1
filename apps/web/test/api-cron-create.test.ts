// Creating and deleting OpenClaw jobs through the API (issue 16 item 5), both drivers, a real bridge on the
// gateway simulator: POST /api/cron/jobs and DELETE /api/cron/jobs/:id, each recorded in the activity log.
import './short-claim-timeout';
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import type * as ActivityRoute from '@/app/api/activity/route';
import type * as JobRoute from '@/app/api/cron/jobs/[id]/route';
import type * as JobsRoute from '@/app/api/cron/jobs/route';
import { call, newJobBody, useStudio } from './fixture';

describeEachDriver('create and delete jobs through the API', (get) => {
  const studio = useStudio(get);
  let r: { jobs: typeof JobsRoute; job: typeof JobRoute; activity: typeof ActivityRoute };

  before(async () => {
    r = {
      jobs: await import('@/app/api/cron/jobs/route'),
      job: await import('@/app/api/cron/jobs/[id]/route'),
      activity: await import('@/app/api/activity/route'),
    };
  });

  const newJob = newJobBody;

  test('POST creates the job in OpenClaw and answers 201 with its id; DELETE removes it; both are in the activity log', async () => {
    const created = await call(r.jobs.POST, 'POST', '/api/cron/jobs', { body: newJob });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const { jobId } = created.json as { jobId: string };
    const inGateway = [...studio().sim.jobs.values()].find((j) => j.name === 'Morning brief');
    assert.deepEqual(inGateway?.schedule, { kind: 'cron', expr: '0 7 * * 1-5', tz: 'America/New_York' });
    const got = (await call(r.job.GET, 'GET', '/x', { params: { id: jobId } })).json;
    assert.equal(got.job.name, 'Morning brief');
    assert.equal(got.job.timezone, 'America/New_York');
    assert.equal(got.nextRuns.length, 5);

    const deleted = await call(r.job.DELETE, 'DELETE', '/x', { params: { id: jobId } });
    assert.equal(deleted.status, 200, JSON.stringify(deleted.json));
    assert.equal(studio().sim.jobs.has(inGateway!.id), false);
    assert.equal((await call(r.job.GET, 'GET', '/x', { params: { id: jobId } })).json.job.removed, true);
    const again = await call(r.job.DELETE, 'DELETE', '/x', { params: { id: jobId } });
    assert.equal(again.status, 409);

    const entries = (await call(r.activity.GET, 'GET', '/api/activity?action=cron&limit=20')).json.entries as {
      action: string;
      outcome: string;
      target: { id: string | null; label: string };
    }[];
    const add = entries.find((e) => e.action === 'cron.add')!;
    assert.deepEqual([add.outcome, add.target.label, add.target.id], ['succeeded', 'Morning brief', jobId]);
    const removals = entries.filter((e) => e.action === 'cron.remove');
    assert.deepEqual(
      removals.map((e) => e.outcome),
      ['failed', 'succeeded'],
    );
  });

  test('a schedule or body OpenClaw would refuse is a 400 naming the field, and nothing is created', async () => {
    const before = studio().sim.jobs.size;
    const cases = [
      { body: { ...newJob, schedule: { kind: 'cron', expr: '61 * * * *' } }, field: 'schedule' },
      { body: { ...newJob, timezone: 'Mars/Olympus' }, field: 'timezone' },
      { body: { ...newJob, name: '' }, field: 'name' },
      { body: { ...newJob, delivery: { mode: 'webhook', to: 'not a url' } }, field: 'delivery.to' },
      { body: { ...newJob, session: 'elsewhere' }, field: 'session' },
    ];
    for (const c of cases) {
      const res = await call(r.jobs.POST, 'POST', '/api/cron/jobs', { body: c.body });
      assert.equal(res.status, 400, JSON.stringify(c.body));
      assert.ok(
        res.json.error.details.issues.some((i: { field: string }) => i.field === c.field),
        `${c.field}: ${JSON.stringify(res.json.error)}`,
      );
    }
    assert.equal(studio().sim.jobs.size, before);
  });
});
