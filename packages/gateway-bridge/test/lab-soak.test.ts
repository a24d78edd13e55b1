// Issue 20's soak: the studio against a REAL OpenClaw gateway (the lab) through overlaps, failures, a hung run,
// a sub-agent swarm, the gateway SIGKILLed mid-run, the studio SIGKILLed mid-run and kept down while runs, a
// chat message and a file write happen, both restarted; then ONE comparison with the gateway's own answers
// (faults/gateway-truth.ts) that must find zero differences.
//
// Postgres only, not describeEachDriver: the studio is SIGKILLed as a process (`agent-studio bridge`, as in
// fault-bridge-sigkill.test.ts) while the test reads its database, and PGlite is one process's database
// (no second reader, no lock). One suite also takes ~4-6 minutes on a busy 2-core machine (two gateway starts).
//   LAB_VERBOSE=1  prints the bridge's output.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getCheckpoint } from '@agent-studio/database';
import { createPostgresDatabase, type TestDatabase } from '@agent-studio/database/testing';
import { GatewayClient, type GatewayEvent } from '../src/gateway/client';
import { loadOrCreateDevice } from '../src/gateway/device-identity';
import { gatewayTruth, type WrittenFile } from './faults/gateway-truth';
import { startLab, type Lab } from './lab/gateway';

const CLI = fileURLToPath(new URL('../../../bin/agent-studio.mjs', import.meta.url));

type Status = { connected: boolean; since: string };
type CronEvent = { jobId?: string; action?: string; runAtMs?: number; status?: string };

let t: TestDatabase;
let lab: Lab;
let op: GatewayClient;
let dir: string;
let gtmDir: string;
const events: GatewayEvent[] = [];
let bridge: ReturnType<typeof bridgeProcess> | null = null;

async function until<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}\n--- bridge output (tail)\n${bridge?.output().slice(-3000) ?? ''}\n${lab?.logTail(25) ?? ''}`,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
}

const call = async <T>(method: string, params: unknown = {}) => {
  await until('the test operator connected', () => op.connected);
  return op.request<T>(method, params, { timeoutMs: 60_000 });
};

/** `agent-studio bridge` on the test's Postgres, beside the lab gateway: a process the test can SIGKILL. */
function bridgeProcess() {
  const child = spawn(process.execPath, [CLI, 'bridge'], {
    env: {
      PATH: process.env.PATH,
      HOME: join(dir, 'home'),
      DATABASE_URL: t.url,
      STUDIO_DATA_DIR: join(dir, 'studio'),
      OPENCLAW_GATEWAY_URL: lab.url,
      OPENCLAW_GATEWAY_TOKEN: lab.token,
      OPENCLAW_CONFIG_PATH: lab.configPath,
      OPENCLAW_WORKSPACE: lab.workspaceDir,
      STUDIO_GTM_DIR: gtmDir,
      STUDIO_OPENCLAW_FILES: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const take = (d: Buffer) => {
    output += d;
    if (process.env.LAB_VERBOSE) process.stderr.write(`[bridge] ${d}`);
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  const ended = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return { child, ended, output: () => output };
}

const status = () => getCheckpoint<Status>(t.db, 'gateway', 'status');
/** The bridge connected after `afterMs` (a fresh connection, not the one before a kill). */
const connectedSince = (afterMs: number) =>
  until(
    'the bridge connected to the gateway',
    async () => {
      const s = await status();
      return s?.connected && new Date(s.since).getTime() > afterMs && s;
    },
    180_000,
  );

function addJob(name: string, message: string, opts: { model?: string; timeoutSeconds?: number } = {}) {
  return call<{ id: string; name: string }>('cron.add', {
    name,
    schedule: { kind: 'every', everyMs: 3_600_000 }, // never due during the test: runs are forced
    sessionTarget: 'isolated',
    wakeMode: 'now',
    payload: {
      kind: 'agentTurn',
      message,
      timeoutSeconds: opts.timeoutSeconds ?? 120,
      ...(opts.model ? { model: opts.model } : {}),
    },
    delivery: { mode: 'none' },
  });
}

/** Forces a run; resolves with the gateway's `finished` event for it. */
async function force(jobId: string): Promise<CronEvent> {
  const from = events.length;
  const notBefore = Date.now() - 1;
  await call('cron.run', { id: jobId, mode: 'force' });
  const finished = await until(
    `the forced run of ${jobId} to finish`,
    () =>
      events.slice(from).find((e) => {
        const p = e.payload as CronEvent;
        return e.event === 'cron' && p.jobId === jobId && p.action === 'finished' && (p.runAtMs ?? 0) >= notBefore;
      }),
    240_000,
  );
  return finished.payload as CronEvent;
}

/** A run in flight: forced, and its session already streaming from the mock model. */
async function forceInFlight(jobId: string, marker: string): Promise<Promise<CronEvent>> {
  const asked = lab.mock.requestsFor(marker).length;
  const finished = force(jobId);
  await until(`the model answering ${marker}`, () => lab.mock.requestsFor(marker).length > asked, 120_000);
  return finished;
}

before(async () => {
  t = await createPostgresDatabase();
  dir = mkdtempSync(join(tmpdir(), 'studio-soak-'));
  mkdirSync(join(dir, 'home'));
  lab = await startLab();
  gtmDir = join(lab.workspaceDir, 'gtm');
  mkdirSync(join(gtmDir, 'blog'), { recursive: true });
  op = new GatewayClient({
    url: lab.url,
    token: lab.token,
    device: loadOrCreateDevice(join(dir, 'operator')),
    clientVersion: '0.0.0-soak',
  });
  op.on('event', (e) => events.push(e));
  op.start();
});

after(async () => {
  bridge?.child.kill('SIGKILL');
  await bridge?.ended;
  await op?.stop().catch(() => {});
  await lab?.stop();
  await t?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('soak: after overlaps, failures, a hung run, a swarm, a gateway SIGKILL and a studio SIGKILL with an outage, the studio equals the gateway', async (ctx) => {
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
  bridge = bridgeProcess();
  await connectedSince(0);

  const jobs = {
    writerA: await addJob('soak writer A', `Write the first post ${M.writerA}`),
    writerB: await addJob('soak writer B', `Write the second post ${M.writerB}`),
    slow: await addJob('soak slow report', `Report slowly ${M.slow}`),
    failC: await addJob('soak failing C', `Fail on quota ${M.failC}`, { model: 'mock-c/mock-1' }),
    failD: await addJob('soak failing D', `Fail on quota ${M.failD}`, { model: 'mock-d/mock-1' }),
    hang: await addJob('soak hung', `Hang for a long time ${M.hang}`, { timeoutSeconds: 600 }),
    inflight: await addJob('soak in flight', `Answer slowly ${M.inflight}`),
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
  const overlap = [force(jobs.slow.id), force(jobs.failC.id), force(jobs.writerA.id), force(jobs.writerB.id)];
  await call('chat.send', {
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
  await until(
    'the swarm: two sub-agents, all done',
    async () => {
      const { sessions } = await call<{ sessions: { key: string; spawnedBy?: string; hasActiveRun?: boolean }[] }>(
        'sessions.list',
        { limit: 500, includeGlobal: true },
      );
      const children = sessions.filter((s) => s.spawnedBy === parentKey);
      return children.length >= 2 && sessions.every((s) => !s.hasActiveRun);
    },
    180_000,
  );

  // 2. the gateway SIGKILLed during a hung run, then restarted; the studio reconnects by itself
  const asked = lab.mock.requestsFor(M.hang).length;
  await call('cron.run', { id: jobs.hang.id, mode: 'force' }); // it never finishes: the kill ends it
  await until('the model answering the hung run', () => lab.mock.requestsFor(M.hang).length > asked, 120_000);
  await until(
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
  await connectedSince(killedAt);
  await until(
    'the gateway recorded the hung run as interrupted',
    async () => {
      const runs = await call<{ entries: { status?: string }[] }>('cron.runs', { id: jobs.hang.id, limit: 5 });
      return runs.entries.some((r) => r.status === 'error');
    },
    120_000,
  );

  // 3. the studio SIGKILLed mid-run (its session already has lines), kept down while runs, a chat message and
  //    a file write happen
  const flying = await forceInFlight(jobs.inflight.id, M.inflight);
  await until(
    'the in-flight run’s session has a log line in the studio',
    async () =>
      (
        await t.db.query(
          `select 1 from agent_logs l join agent_sessions s on s.id = l.session_id where s.session_key like $1`,
          [`agent:main:cron:${jobs.inflight.id}:run:%`],
        )
      ).length > 0,
    120_000,
  );
  bridge.child.kill('SIGKILL');
  assert.equal(await bridge.ended, 'SIGKILL');
  bridge = null;
  write('writerA', M.writerA, 'while-down-a');
  const down = [flying, force(jobs.writerA.id), force(jobs.slow.id), force(jobs.failD.id)];
  await call('chat.send', {
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
  await until(
    'the chat answered while the studio was down',
    async () => {
      const h = await call<{ messages: { role?: string; content?: unknown }[] }>('chat.history', {
        sessionKey: parentKey,
        limit: 1000,
      });
      return h.messages.some((m) => m.role === 'assistant' && JSON.stringify(m.content).includes(M.away));
    },
    120_000,
  );

  // 4. the studio back; the gateway quiet
  const restartedAt = Date.now();
  bridge = bridgeProcess();
  await connectedSince(restartedAt);
  await until(
    'the gateway quiet (no run in flight)',
    async () => {
      const { sessions } = await call<{ sessions: { hasActiveRun?: boolean }[] }>('sessions.list', {
        limit: 500,
        includeGlobal: true,
      });
      return sessions.every((s) => !s.hasActiveRun);
    },
    120_000,
  );

  // the one comparison, once the mirror has had its chance to catch up
  const truth = () => gatewayTruth(t.db, op, { files });
  await until('the studio to equal the gateway', async () => (await truth()).differences.length === 0, 60_000).catch(
    () => {},
  );
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
