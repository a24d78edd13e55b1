// The demo's numbers agree with each other (issue 16 item 6): jobs run on their schedules (history and live,
// in real time, so the studio's "next run" is when they run), a timeout lasts its timeout, history and live
// runs take the same time, and every run has a cost from the configured prices.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Cron } from 'croner';
import { until } from '@agent-studio/database/testing';
import { DEMO_JOBS, startDemoActivity, TIMEOUT_ERROR } from '../src/simulator/demo-activity';
import { GatewaySimulator, SIM_MODEL_COST, type SimJob } from '../src/simulator/gateway-simulator';

let sim: GatewaySimulator;
let dir: string;
let stop: () => void;
let startedAt: number;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'studio-demo-'));
  sim = new GatewaySimulator();
  await sim.start();
  startedAt = Date.now();
  stop = startDemoActivity(sim, { gtmDir: join(dir, 'gtm') });
});
after(async () => {
  stop();
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

const demoJob = (job: SimJob) => DEMO_JOBS.find((d) => d.name === job.name)!;
/** Whether `at` is one of the schedule's times. */
function isSlot(schedule: SimJob['schedule'], at: number): boolean {
  if (schedule.kind === 'every') return at % schedule.everyMs === 0;
  if (schedule.kind === 'at') return at === Date.parse(schedule.at);
  return new Cron(schedule.expr, { timezone: schedule.tz }).nextRun(new Date(at - 1))?.getTime() === at;
}

test('every run of the history is at a time its schedule names, and each job’s next run is its schedule’s next time', () => {
  const jobs = [...sim.jobs.values()].filter((j) => j.enabled);
  assert.equal(jobs.length, DEMO_JOBS.length);
  for (const job of jobs) {
    const runs = sim.runs.filter((r) => r.jobId === job.id);
    if (job.schedule.kind === 'every') assert.ok(runs.length > 0, `${job.name} has a history`);
    for (const r of runs)
      assert.ok(
        isSlot(job.schedule, r.runAtMs),
        `${job.name} ran at ${new Date(r.runAtMs).toISOString()}, not a time of its schedule`,
      );
    const next = job.state.nextRunAtMs!;
    assert.ok(
      next > startedAt - 1000 && isSlot(job.schedule, next),
      `${job.name}: next run ${new Date(next).toISOString()}`,
    );
  }
  // the daily and weekly ones ran once a day or week, not every few seconds
  const digest = [...sim.jobs.values()].find((j) => j.name === 'Daily market digest')!;
  assert.ok(sim.runs.filter((r) => r.jobId === digest.id).length <= 3);
});

test('a timed-out run lasted its job’s timeout; other runs take the job’s usual time, history and live alike', () => {
  for (const job of sim.jobs.values()) {
    if (!job.enabled) continue;
    const d = demoJob(job);
    assert.equal(job.payload.kind === 'agentTurn' && job.payload.timeoutSeconds, d.timeoutSeconds);
    for (const r of sim.runs.filter((x) => x.jobId === job.id)) {
      if (r.errorReason === 'timeout') {
        assert.equal(r.durationMs, d.timeoutSeconds * 1000);
        assert.equal(r.error, TIMEOUT_ERROR);
      } else if (r.status === 'ok') {
        assert.ok(
          r.durationMs >= d.seconds[0] * 1000 && r.durationMs <= d.seconds[1] * 1000,
          `${job.name}: ${r.durationMs} ms`,
        );
      } else
        assert.ok(
          r.durationMs < d.seconds[1] * 1000 && !/timed? ?out/i.test(r.error ?? ''),
          `${job.name}: ${r.error} after ${r.durationMs} ms`,
        );
    }
  }
  assert.ok(
    sim.runs.some((r) => r.errorReason === 'timeout'),
    'the history has a timeout to show',
  );
});

test('each run of the history has its session, with the run’s tokens and their cost at the configured prices', () => {
  for (const r of sim.runs) {
    const s = sim.sessions.get(r.sessionKey);
    assert.ok(s, `a session for ${r.runId}`);
    assert.deepEqual([s.inputTokens, s.outputTokens], [r.usage.input_tokens, r.usage.output_tokens]);
    const cost = (r.usage.input_tokens * SIM_MODEL_COST.input + r.usage.output_tokens * SIM_MODEL_COST.output) / 1e6;
    assert.ok(cost > 0 && Math.abs(s.estimatedCostUsd - cost) < 1e-12, `${s.estimatedCostUsd} vs ${cost}`);
    assert.equal(s.endedAt, r.runAtMs + r.durationMs);
  }
});

test('live, the gateway runs a job at the next run time it announced, as a scheduled run', async () => {
  const job = sim.addJob({
    name: 'every two seconds',
    enabled: true,
    schedule: { kind: 'every', everyMs: 2000 },
    payload: { kind: 'agentTurn', message: 'tick' },
  });
  sim.outcomeFor = () => ({ durationMs: 200, summary: 'tick done' });
  sim.scheduleNext(job);
  const announced = job.state.nextRunAtMs!;
  const run = await until('the job ran on its own', async () => sim.runs.find((r) => r.jobId === job.id));
  assert.equal(run.runAtMs, announced);
  assert.ok(!run.runId.startsWith('manual:'), run.runId);
  assert.equal(run.durationMs, 200);
  assert.equal(job.state.nextRunAtMs, announced + 2000);
});

test('a live run’s session ends when its run does, though its timer ran late on a busy machine', async () => {
  const job = sim.addJob({
    name: 'late timer',
    enabled: false,
    schedule: { kind: 'every', everyMs: 3_600_000 },
    payload: { kind: 'agentTurn', message: 'tick' },
  });
  sim.runJob(job.id, { durationMs: 20, summary: 'done' });
  // the event loop held past the run's end, as a loaded machine does
  for (const end = Date.now() + 300; Date.now() < end;);
  const run = await until('the run ended', async () => sim.runs.find((r) => r.jobId === job.id));
  assert.equal(run.durationMs, 20);
  assert.equal(sim.sessions.get(run.sessionKey)!.endedAt, run.runAtMs + run.durationMs);
});
