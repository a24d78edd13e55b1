// Issue 20's soak: the studio against a REAL OpenClaw gateway (the lab) through overlaps, failures, a hung run,
// a sub-agent swarm, the gateway SIGKILLed mid-run, the studio SIGKILLed mid-run and kept down while runs, a
// chat message and a file write happen, both restarted; then ONE comparison with the gateway's own answers
// (faults/gateway-truth.ts) that must find zero differences.
//
// Postgres only (see lab/studio-rig.ts). One suite takes ~4-6 minutes on a busy 2-core machine (two gateway
// starts).  LAB_VERBOSE=1  prints the bridge's output.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import { gatewayTruth, type WrittenFile } from './faults/gateway-truth';
import { labRig } from './lab/studio-rig';

const rig = labRig();

test('soak: after overlaps, failures, a hung run, a swarm, a gateway SIGKILL and a studio SIGKILL with an outage, the studio equals the gateway', async (ctx) => {
  const r = rig();
  const { lab, t, op } = r;
  const id = randomUUID().slice(0, 6);
  const files: WrittenFile[] = [];
  const mark = (what: string) => `SOAK-${what}-${id}`;
  const M = {
    writerA: mark('WA'),
    writerB: mark('WB'),
    slow: mark('SLOW'),
    failC: mark('FC'),
    failD: mark('FD'),
    hang: mark('HANG'),
    inflight: mark('FLY'),
    swarm: mark('SWARM'),
    away: mark('AWAY'),
  };
  const slowText = (pieces: number) => 'A slow report line, streamed. '.repeat(Math.ceil((pieces * 12) / 30));

  const started = Date.now();
  r.startBridge();
  await r.connectedSince(0);

  const jobs = {
    writerA: await r.addJob('soak writer A', `Write the first post ${M.writerA}`),
    writerB: await r.addJob('soak writer B', `Write the second post ${M.writerB}`),
    slow: await r.addJob('soak slow report', `Report slowly ${M.slow}`),
    failC: await r.addJob('soak failing C', `Fail on quota ${M.failC}`, { model: 'mock-c/mock-1' }),
    failD: await r.addJob('soak failing D', `Fail on quota ${M.failD}`, { model: 'mock-d/mock-1' }),
    hang: await r.addJob('soak hung', `Hang for a long time ${M.hang}`, { timeoutSeconds: 600 }),
    inflight: await r.addJob('soak in flight', `Answer slowly ${M.inflight}`),
  };
  // a quota-style 429 is not retried by OpenClaw; each failing job has its own provider (key cooldowns)
  const quota = {
    status: 429,
    message: 'Rate limit reached for mock-1 on requests per day (RPD): Limit 10, Used 10, Requested 1.',
  };
  lab.mock.script({ when: M.failC, reply: { error: quota }, times: Infinity });
  lab.mock.script({ when: M.failD, reply: { error: quota }, times: Infinity });
  lab.mock.script({ when: M.slow, reply: { text: slowText(30), delayMs: 120 }, times: Infinity });
  lab.mock.script({ when: M.hang, reply: { text: slowText(400), delayMs: 500 }, times: Infinity }); // ~200 s: ended only by the kill
  lab.mock.script({ when: M.inflight, reply: { text: slowText(60), delayMs: 250 }, times: Infinity });
  const write = (job: keyof typeof jobs, marker: string, name: string) => {
    const rel = `gtm/blog/${name}-${id}.md`;
    lab.mock.script({
      when: marker,
      reply: {
        tool: 'write',
        args: { path: rel, content: `---\ntitle: ${name} ${id}\n---\n# ${name}\n\nWritten by ${job}.\n` },
      },
    });
    files.push({ path: join(lab.workspaceDir, rel), jobId: jobs[job].id, notBeforeMs: Date.now() - 1 });
  };

  // 1. overlapping runs of different jobs: two write files while a slow one and a failing one run, and a chat
  //    spawns two sub-agents meanwhile
  const parentKey = `agent:main:soak-swarm-${id}`;
  lab.mock.script({
    when: M.swarm,
    reply: { tool: 'sessions_spawn', args: { task: `first child task ${M.swarm}-1`, label: `soak-helper-1-${id}` } },
  });
  lab.mock.script({
    when: (r) => r.userText.includes(M.swarm) && r.afterTool != null,
    reply: { tool: 'sessions_spawn', args: { task: `second child task ${M.swarm}-2`, label: `soak-helper-2-${id}` } },
  });
  write('writerA', M.writerA, 'overlap-a');
  write('writerB', M.writerB, 'overlap-b');
  const overlap = [r.force(jobs.slow.id), r.force(jobs.failC.id), r.force(jobs.writerA.id), r.force(jobs.writerB.id)];
  await r.call('chat.send', {
    sessionKey: parentKey,
    message: `Please delegate this ${M.swarm}`,
    idempotencyKey: randomUUID(),
  });
  const ends = await Promise.all(overlap);
  assert.deepEqual(
    ends.map((e) => e.status),
    ['ok', 'error', 'ok', 'ok'],
    JSON.stringify(ends),
  );
  await r.until('the swarm: two sub-agents, all done', async () => {
    const { sessions } = await r.call<{ sessions: { key: string; spawnedBy?: string; hasActiveRun?: boolean }[] }>(
      'sessions.list',
      { limit: 500, includeGlobal: true },
    );
    const children = sessions.filter((s) => s.spawnedBy === parentKey);
    return children.length >= 2 && sessions.every((s) => !s.hasActiveRun);
  });

  // 2. the gateway SIGKILLed during a hung run, then restarted; the studio reconnects by itself
  const asked = lab.mock.requestsFor(M.hang).length;
  await r.call('cron.run', { id: jobs.hang.id, mode: 'force' }); // it never finishes: the kill ends it
  await r.until('the model answering the hung run', () => lab.mock.requestsFor(M.hang).length > asked);
  await r.until(
    'the hung run mirrored as running',
    async () =>
      (
        await t.db.query(
          `select 1 from cron_runs r join cron_jobs j on j.id = r.job_id where j.external_id = $1 and r.status = 'running'`,
          [jobs.hang.id],
        )
      ).length > 0,
  );
  const killedAt = Date.now();
  await lab.kill();
  await lab.restart();
  await r.connectedSince(killedAt);
  await r.until('the gateway recorded the hung run as interrupted', async () => {
    const runs = await r.call<{ entries: { status?: string }[] }>('cron.runs', { id: jobs.hang.id, limit: 5 });
    return runs.entries.some((r) => r.status === 'error');
  });

  // 3. the studio SIGKILLed mid-run (its session already has lines), kept down while runs, a chat message and
  //    a file write happen
  const { finished: flying } = await r.forceInFlight(jobs.inflight.id, M.inflight);
  await r.until(
    'the in-flight run’s session has a log line in the studio',
    async () =>
      (
        await t.db.query(
          `select 1 from agent_logs l join agent_sessions s on s.id = l.session_id where s.session_key like $1`,
          [`agent:main:cron:${jobs.inflight.id}:run:%`],
        )
      ).length > 0,
  );
  assert.equal(await r.killBridge(), 'SIGKILL');
  write('writerA', M.writerA, 'while-down-a');
  const down = [flying, r.force(jobs.writerA.id), r.force(jobs.slow.id), r.force(jobs.failD.id)];
  await r.call('chat.send', {
    sessionKey: parentKey,
    message: `Status report please ${M.away}`,
    idempotencyKey: randomUUID(),
  });
  const downEnds = await Promise.all(down);
  assert.deepEqual(
    downEnds.map((e) => e.status),
    ['ok', 'ok', 'ok', 'error'],
    JSON.stringify(downEnds),
  );
  await r.until('the chat answered while the studio was down', async () => {
    const h = await r.call<{ messages: { role?: string; content?: unknown }[] }>('chat.history', {
      sessionKey: parentKey,
      limit: 1000,
    });
    return h.messages.some((m) => m.role === 'assistant' && JSON.stringify(m.content).includes(M.away));
  });

  // 4. the studio back; the gateway quiet
  const restartedAt = Date.now();
  r.startBridge();
  await r.connectedSince(restartedAt);
  await r.quiet();

  // the one comparison, once the mirror has had its chance to catch up
  const truth = () => gatewayTruth(t.db, op, { files });
  await r
    .until('the studio to equal the gateway', async () => (await truth()).differences.length === 0)
    .catch(() => {});
  const result = await truth();
  ctx.diagnostic(`soak took ${Math.round((Date.now() - started) / 1000)} s; compared ${JSON.stringify(result.counts)}`);
  for (const note of result.notes) ctx.diagnostic(`not compared: ${note}`);
  for (const d of result.differences) ctx.diagnostic(`difference: ${d}`);
  assert.deepEqual(
    result.differences,
    [],
    `${result.differences.length} differences between the studio and the gateway:\n${result.differences.join('\n')}`,
  );
});
