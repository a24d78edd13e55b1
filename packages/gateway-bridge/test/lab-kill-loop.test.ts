// Issue 14: the studio's bridge SIGKILLed at random points of its work while a REAL OpenClaw gateway (the lab)
// runs jobs and a sub-agent swarm, again and again; each kill is checked to have landed mid-work (the studio
// had begun mirroring a run the gateway was still running: the mock model holds that run half-way through its
// answer until the kill has landed, so a slow machine cannot make it end first); sometimes the bridge comes
// back at once, sometimes only after the runs have ended without it. Then one comparison with the gateway's
// own answers (faults/gateway-truth.ts): zero differences.
//   KILL_LOOP_SEED=<n>  replays the random points of an earlier run (printed as a diagnostic).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { gatewayTruth } from './faults/gateway-truth';
import { labRig, type CronEvent } from './lab/studio-rig';

const KILLS = 5;
const rig = labRig();

/** A small seeded generator (mulberry32): the random points can be replayed from the printed seed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// What it found (issue 14): a job's earlier failed runs without their transcripts, when kills kept the backfill of
// an outage from reaching them before a later run took their place in the list (seeds 1616672854, 1971753504);
// the mirror's own test of it is test/mirror/backfill-earlier-runs.test.ts
test('the bridge SIGKILLed at random points mid-work, five times, while the real gateway runs jobs and a swarm: the studio equals the gateway', async (ctx) => {
  const r = rig();
  const { lab, t, op } = r;
  const seed = Number(process.env.KILL_LOOP_SEED ?? Math.floor(Math.random() * 2 ** 31));
  const rand = random(seed);
  ctx.diagnostic(`KILL_LOOP_SEED=${seed}`);
  const id = randomUUID().slice(0, 6);
  const M = { a: `KILL-A-${id}`, b: `KILL-B-${id}`, fail: `KILL-F-${id}`, swarm: `KILL-S-${id}` };
  const slowText = (pieces: number) => 'A streamed line of a long answer. '.repeat(Math.ceil((pieces * 12) / 34));

  r.startBridge();
  await r.connectedSince(0);
  const jobs = {
    a: await r.addJob('kill loop A', `Answer slowly ${M.a}`),
    b: await r.addJob('kill loop B', `Answer slowly too ${M.b}`),
    fail: await r.addJob('kill loop failing', `Fail on quota ${M.fail}`, { model: 'mock-c/mock-1' }),
  };
  // ~10-15 s of streaming each; run A is held half-way each round until the kill has landed (below)
  lab.mock.script({ when: M.b, reply: { text: slowText(40), delayMs: 300 }, times: Infinity });
  lab.mock.script({
    when: M.fail,
    reply: { error: { status: 429, message: 'Rate limit reached for mock-1 on requests per day (RPD).' } },
    times: Infinity,
  });
  const inFlight = (jobId: string) =>
    t.db.query<{ n: number }>(
      `select count(*)::int as n from agent_logs l join agent_sessions s on s.id = l.session_id
        where s.session_key like $1 and s.status = 'running'`,
      [`agent:main:cron:${jobId}:run:%`],
    );
  const points: string[] = [];
  for (let round = 1; round <= KILLS; round++) {
    // run A streams half its answer, then waits for the kill: the kill lands mid-work however slow the machine
    let letGo = () => {};
    const held = new Promise<void>((resolve) => (letGo = resolve));
    lab.mock.script({ when: M.a, reply: { text: slowText(50), delayMs: 200, heldBy: held } });
    // work: two streaming runs, a failing one, and every other round a chat that spawns a sub-agent
    const ends: Promise<CronEvent>[] = [
      (await r.forceInFlight(jobs.a.id, M.a)).finished,
      r.force(jobs.b.id),
      r.force(jobs.fail.id),
    ];
    if (round % 2 === 1) {
      // the chat's first turn spawns one sub-agent (whose task does not name the marker: it spawns none itself)
      lab.mock.script({
        when: M.swarm,
        reply: {
          tool: 'sessions_spawn',
          args: { task: `child task of round ${round}`, label: `kill-helper-${id}-${round}` },
        },
      });
      await r.call('chat.send', {
        sessionKey: `agent:main:kill-swarm-${id}-${round}`,
        message: `Please delegate this ${M.swarm}`,
        idempotencyKey: randomUUID(),
      });
    }
    // the studio has begun mirroring run A: its running session has lines
    await r.until('run A’s lines in the studio', async () => (await inFlight(jobs.a.id))[0]!.n > 0);
    const delayMs = Math.floor(rand() * 3000);
    await new Promise((res) => setTimeout(res, delayMs));
    const linesBefore = (await inFlight(jobs.a.id))[0]!.n;
    try {
      assert.equal(await r.killBridge(), 'SIGKILL');
      // mid-work: the gateway was still running A when the bridge died (so the studio had not seen its end)
      const { sessions } = await r.call<{ sessions: { key: string; hasActiveRun?: boolean }[] }>('sessions.list', {
        limit: 500,
        includeGlobal: true,
      });
      const aRunning = sessions.some((s) => s.key.startsWith(`agent:main:cron:${jobs.a.id}`) && s.hasActiveRun);
      assert.ok(aRunning, `round ${round}: the kill landed after run A had ended, not mid-work`);
    } finally {
      letGo();
    }
    const backAtOnce = rand() < 0.5;
    points.push(
      `${round}: ${delayMs} ms after its first lines (${linesBefore} mirrored), back ${backAtOnce ? 'at once' : 'after the runs'}`,
    );
    if (!backAtOnce) await Promise.all(ends);
    const restartedAt = Date.now();
    r.startBridge();
    await r.connectedSince(restartedAt);
    await Promise.all(ends);
  }
  for (const p of points) ctx.diagnostic(`kill ${p}`);
  await r.quiet();

  const truth = () => gatewayTruth(t.db, op);
  await r
    .until('the studio to equal the gateway', async () => (await truth()).differences.length === 0)
    .catch(() => {});
  const result = await truth();
  ctx.diagnostic(`compared ${JSON.stringify(result.counts)}`);
  for (const note of result.notes) ctx.diagnostic(`not compared: ${note}`);
  assert.deepEqual(
    result.differences,
    [],
    `${result.differences.length} differences between the studio and the gateway:\n${result.differences.join('\n')}`,
  );
});
