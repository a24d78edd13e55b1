// Fault: the bridge process (`agent-studio bridge`, a child process) is SIGKILLed at random points 20 times,
// each once it has started writing, while the gateway keeps running jobs, sessions and swarms. The gateway here is the protocol simulator (a
// real gateway takes ~10 s to start a run; the kill loop needs many). After one last clean start, the
// database matches the gateway's own lists: nothing missing, nothing twice.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { latestEventId } from '@agent-studio/database';
import { until } from '@agent-studio/database/testing';
import { mirrorCatchesUp } from './faults/mirror-check';
import { bridgeProcess } from './kit/bridge-process';
import { processScene } from './kit/process-scene';

const KILLS = 20;

const scene = processScene('fault-kill', 'kill-token');

/** `agent-studio bridge` on the test's Postgres. */
const startBridgeProcess = () =>
  bridgeProcess({
    gateway: scene.sim,
    dataDir: join(scene.dir, 'studio'),
    gtmDir: join(scene.dir, 'gtm'),
    databaseUrl: scene.t.url,
  });

test(`the bridge SIGKILLed at ${KILLS} random points while jobs run: the mirror ends equal to the gateway's lists`, async (ctx) => {
  const { t, sim, op } = scene;
  const jobs = ['alpha', 'beta', 'gamma'].map((name) =>
    sim.addJob({
      name: `kill ${name}`,
      enabled: true,
      schedule: { kind: 'every', everyMs: 3_600_000 },
      payload: { kind: 'agentTurn', message: name },
    }),
  );
  // the gateway keeps working: a run every 100 ms (100-600 ms long), now and then a sub-agent swarm
  let n = 0;
  const activity = setInterval(() => {
    const job = jobs[n++ % jobs.length]!;
    sim.runJob(
      job.id,
      n % 7 === 0
        ? { durationMs: 100 + Math.random() * 500, error: 'Rate limit exceeded (429)' }
        : { durationMs: 100 + Math.random() * 500, summary: `run ${n}` },
    );
    if (n % 25 === 0)
      sim.spawnSwarm(`swarm ${n}`, [
        { label: `a-${n}`, durationMs: 300 },
        { label: `b-${n}`, durationMs: 500 },
      ]);
  }, 100);

  const delays: number[] = [];
  const written: number[] = [];
  try {
    for (let i = 0; i < KILLS; i++) {
      const before = BigInt(await latestEventId(t.db));
      const bridge = startBridgeProcess();
      // killed mid-work: once this bridge has written (it connected and mirrors), at a random point after that
      // (during its reconcile, a burst of runs, a swarm), the gateway still running jobs every 100 ms
      await until(
        'the bridge writing',
        async () => BigInt(await latestEventId(t.db)) > before || bridge.child.exitCode !== null,
      );
      const delay = Math.round(Math.random() * 1500);
      delays.push(delay);
      await new Promise((r) => setTimeout(r, delay));
      written.push(Number(BigInt(await latestEventId(t.db)) - before));
      bridge.child.kill('SIGKILL');
      assert.equal(await bridge.ended, 'SIGKILL', bridge.output());
    }
  } finally {
    clearInterval(activity);
  }
  assert.ok(
    written.every((w) => w > 0),
    `every kill hit a bridge that had written: ${written.join(', ')} events`,
  );

  const last = startBridgeProcess();
  try {
    const counts = await mirrorCatchesUp(t.db, op).catch((err: Error) => {
      throw new Error(`${err.message}\n--- the last bridge's output\n${last.output()}`);
    });
    assert.ok(counts.runs >= 50, `the gateway ran ${counts.runs} runs meanwhile`);
    ctx.diagnostic(
      `killed ${delays.join(', ')} ms after each bridge's first write, with ${written.join(', ')} events written; mirror = gateway: ${JSON.stringify(counts)}`,
    );
  } finally {
    last.child.kill('SIGTERM');
    await last.ended;
  }
});
