// The whole bridge (client, mirror, GTM folder, command executor) against the protocol simulator, on both
// database drivers. The same paths against a real OpenClaw run in the lab tests.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { describeEachDriver, until } from '@agent-studio/database/testing';
import {
  enqueueCommand,
  getAgentSessionByKey,
  getCronRun,
  getCheckpoint,
  getCommand,
  getCronJobByExternalId,
  listAgentLogs,
  listAgentSessions,
  listCronJobs,
  listCronRuns,
  listEventsSince,
  listGtmOutputs,
  type Db,
} from '@agent-studio/database';
import type { Bridge } from '../src/bridge';
import { DAILY_DIGEST, hourlyJob, pausedJob } from './kit/sim-jobs';
import { bridgeOnSimulator } from './sim-bridge';
import { GatewaySimulator, type SimJob } from '../src/simulator/gateway-simulator';

describeEachDriver('bridge on the gateway simulator', (get) => {
  let sim: GatewaySimulator;
  let bridge: Bridge;
  let dir: string;
  let gtmDir: string;
  let digest: SimJob;
  let db: Db;

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-bridge-'));
    gtmDir = join(dir, 'workspace/gtm');
    mkdirSync(join(gtmDir, 'blog'), { recursive: true });
    sim = new GatewaySimulator('test-token');
    await sim.start();
    digest = sim.addJob(DAILY_DIGEST);
    sim.addJob(pausedJob('Paused job'));
    // history from before the bridge ever connected
    for (let i = 1; i <= 3; i++)
      sim.recordRun(
        digest,
        Date.now() - i * 86_400_000,
        i === 2 ? { durationMs: 4000, error: 'Rate limit exceeded (429)' } : { durationMs: 3000, summary: 'ok' },
      );
    bridge = await bridgeOnSimulator(db, sim, dir, 'test-bridge', { gtmDir });
  });

  after(async () => {
    await bridge?.stop();
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reconciles jobs (enabled and disabled) and the run history on connect', async () => {
    const jobs = await until('jobs', async () => {
      const rows = await listCronJobs(db, {});
      return rows.length === 2 && rows;
    });
    const job = jobs.find((j) => j.name === 'Daily digest')!;
    assert.equal(job.schedule, '0 7 * * *');
    assert.equal(job.timezone, 'Europe/Berlin');
    assert.equal(jobs.find((j) => j.name === 'Paused job')!.enabled, false);
    const { rows: runs } = await until('runs', async () => {
      const r = await listCronRuns(db, { jobId: job.id });
      return r.rows.length === 3 && r;
    });
    assert.deepEqual(
      runs.map((r) => r.status),
      ['completed', 'failed', 'completed'],
    );
    assert.match(runs[1]!.error ?? '', /429/);
    const status = await getCheckpoint<{ connected: boolean }>(db, 'gateway', 'status');
    assert.equal(status?.connected, true);
    const presence = await until('presence', () =>
      getCheckpoint<{ instances: { host: string; mode: string }[] }>(db, 'gateway', 'presence'),
    );
    assert.deepEqual(
      presence.instances.map((p) => [p.host, p.mode]),
      [['simulator', 'gateway']],
    );
  });

  test('a live run arrives as started then completed, with its session, logs and events', async () => {
    const since = (await listEventsSince(db, { afterId: '0', limit: 100_000 })).at(-1)?.id ?? '0';
    sim.runJob(digest.id, { durationMs: 300, summary: 'Digest written.' });
    const job = (await getCronJobByExternalId(db, 'openclaw', digest.id))!;
    const run = await until('completed run', async () =>
      (await listCronRuns(db, { jobId: job.id, limit: 1 })).rows.find(
        (r) => r.status === 'completed' && r.summary === 'Digest written.',
      ),
    );
    assert.ok(run.duration_ms === 300);
    const events = await listEventsSince(db, { afterId: since, limit: 1000 });
    const types = events.map((e) => e.type);
    assert.ok(types.includes('cron.run.started'), types.join());
    assert.ok(types.includes('cron.run.completed'), types.join());
    const session = await until('cron session', async () =>
      (await listAgentSessions(db, { type: 'cron' })).rows.find(
        (s) => s.cron_job_id === job.id && s.status === 'completed',
      ),
    );
    const logs = await until('logs', async () => {
      const l = await listAgentLogs(db, { sessionId: session.id });
      return l.length >= 2 && l;
    });
    assert.ok(logs.some((l) => l.message.includes('Digest written.')));
  });

  test('a swarm appears as a parent with linked sub-agents', async () => {
    const parentKey = sim.spawnSwarm('compare competitors', [
      { label: 'researcher-a', durationMs: 200 },
      { label: 'researcher-b', durationMs: 250, fail: 'Context window exceeded' },
    ]);
    const subs = await until('sub-agents done', async () => {
      const rows = (await listAgentSessions(db, { type: 'subagent', limit: 100 })).rows.filter(
        (s) => s.status !== 'running',
      );
      return rows.length >= 2 && rows;
    });
    const parent = (await listAgentSessions(db, { limit: 100 })).rows.find((s) => s.session_key === parentKey)!;
    assert.ok(parent, 'parent session mirrored');
    for (const s of subs) assert.equal(s.parent_session_id, parent.id);
    assert.deepEqual(subs.map((s) => s.status).sort(), ['completed', 'error']);
  });

  test('a cron.run command is executed through the gateway and answers with the new run', async () => {
    const job = (await getCronJobByExternalId(db, 'openclaw', digest.id))!;
    const cmd = await enqueueCommand(db, 'cron.run', { jobId: job.id, triggerType: 'manual' });
    const done = await until('command done', async () => {
      const c = await getCommand(db, cmd.id);
      return c && (c.status === 'succeeded' || c.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    const result = done.result as { runId: string; status: string };
    assert.equal(result.status, 'started');
    const run = await until('manual run completed', async () =>
      (await listCronRuns(db, { jobId: job.id, limit: 5 })).rows.find(
        (r) => r.id === result.runId && r.status === 'completed',
      ),
    );
    assert.equal(run.trigger_type, 'manual');
  });

  test('a command on an unknown job fails with words, not a crash', async () => {
    const cmd = await enqueueCommand(db, 'cron.run', {
      jobId: '00000000-0000-4000-8000-000000000000',
      triggerType: 'manual',
    });
    const done = await until('command failed', async () => {
      const c = await getCommand(db, cmd.id);
      return c && c.status === 'failed' && c;
    });
    assert.match(done.error ?? '', /no longer exists/);
  });

  test('GTM files become outputs; front matter is read; a bad file does not stop the next one', async () => {
    writeFileSync(
      join(gtmDir, 'blog/launch.md'),
      '---\ntitle: Launch post\ntags: [launch, blog]\npriority: 2\nstatus: pending_review\n---\n# Ignored heading\n\nHello <script>alert(1)</script> **world**\n',
    );
    writeFileSync(join(gtmDir, 'blog/broken.md'), '---\ntitle: [unclosed\n---\n# Broken front matter\n\nbody\n');
    const outputs = await until('two outputs', async () => {
      const r = await listGtmOutputs(db, {});
      return r.rows.length >= 2 && r.rows;
    });
    const launch = outputs.find((o) => o.title === 'Launch post')!;
    assert.equal(launch.status, 'pending_review');
    assert.equal(launch.content_type, 'blog_post');
    assert.equal(launch.priority, 2);
    assert.deepEqual(launch.tags, ['launch', 'blog']);
    assert.ok(!launch.content_html?.includes('<script'), launch.content_html ?? '');
    assert.ok(outputs.some((o) => o.title === 'Broken front matter'));
  });

  test('a file an agent writes is credited to its session and cron run (from the write tool call)', async () => {
    const { run } = await new Promise<{ run: { sessionKey: string } }>((resolve) =>
      sim.runJob(digest.id, {
        durationMs: 1500,
        summary: 'wrote the digest',
        during: (r) => {
          sim.toolCall(r.sessionKey, 'write', { path: 'gtm/blog/digest-today.md' }, { ok: true });
          setTimeout(
            () => writeFileSync(join(gtmDir, 'blog/digest-today.md'), '# Digest for today\n\nThree things happened.\n'),
            100,
          );
          resolve({ run: r });
        },
      }),
    );
    const output = await until('credited output', async () =>
      (await listGtmOutputs(db, { search: 'digest today' })).rows.find((o) => o.source_session_id),
    );
    const session = await getAgentSessionByKey(db, run.sessionKey);
    assert.equal(output.source_session_id, session?.id);
    const job = (await getCronJobByExternalId(db, 'openclaw', digest.id))!;
    assert.equal(output.source_job_id, job.id);
    const credited = output.source_run_id ? await getCronRun(db, output.source_run_id) : null;
    assert.equal(credited?.job_id, job.id, 'credited to the run that was writing');
  });

  test('the gateway going away is recorded, and the bridge reconnects and catches up', async () => {
    sim.dropConnections();
    await until(
      'disconnected',
      async () => (await getCheckpoint<{ connected: boolean }>(db, 'gateway', 'status'))?.connected === false,
    );
    // a run that finishes while nobody listens
    sim.recordRun(digest, Date.now() - 1000, { durationMs: 500, summary: 'while away' });
    await until(
      'reconnected',
      async () => (await getCheckpoint<{ connected: boolean }>(db, 'gateway', 'status'))?.connected === true,
    );
    const job = (await getCronJobByExternalId(db, 'openclaw', digest.id))!;
    await until('missed run mirrored', async () =>
      (await listCronRuns(db, { jobId: job.id, limit: 20 })).rows.find((r) => r.summary === 'while away'),
    );
  });

  test('a file written while another job runs is credited to the run that wrote it, not the newest run going on', async () => {
    const other = sim.addJob(hourlyJob('Overlapping job', 'y'));
    const job = await until('the job mirrored', () => getCronJobByExternalId(db, 'openclaw', digest.id));
    const { run } = await new Promise<{ run: { sessionKey: string; runAtMs: number } }>((resolve) =>
      sim.runJob(digest.id, {
        durationMs: 3000,
        summary: 'wrote while another ran',
        during: (r) => {
          // a run of another job starts after this one: it is the newest run going on when the file lands
          setTimeout(() => {
            sim.runJob(other.id, { durationMs: 3000, summary: 'the other job' });
            setTimeout(() => {
              sim.toolCall(r.sessionKey, 'write', { path: 'gtm/blog/overlap.md' }, { ok: true });
              setTimeout(
                () => writeFileSync(join(gtmDir, 'blog/overlap.md'), '# Written during an overlap\n\nBy the digest.\n'),
                100,
              );
              resolve({ run: r });
            }, 300);
          }, 200);
        },
      }),
    );
    const output = await until('the credited output', async () =>
      (await listGtmOutputs(db, { search: 'overlap' })).rows.find((o) => o.source_run_id && o.source_session_id),
    );
    const session = await getAgentSessionByKey(db, run.sessionKey);
    assert.equal(output.source_session_id, session?.id);
    assert.equal(output.source_job_id, job.id);
    const credited = await getCronRun(db, output.source_run_id!);
    assert.equal(credited?.job_id, job.id, 'credited to the digest run, not the other job’s newer one');
    assert.equal(credited?.started_at.getTime(), run.runAtMs);
  });

  test('a slow gateway call during a reconcile does not hold live events back', async () => {
    const job = (await getCronJobByExternalId(db, 'openclaw', digest.id))!;
    // the reconcile after a reconnect asks for the session list, which does not answer until released
    const slow = sim.hold('sessions.list');
    try {
      sim.dropConnections();
      await until('the reconcile waiting on sessions.list', async () => slow.waiting() > 0);
      sim.runJob(digest.id, { durationMs: 50, summary: 'ran during a slow reconcile' });
      const run = await until('the live run mirrored', async () =>
        (await listCronRuns(db, { jobId: job.id, limit: 50 })).rows.find(
          (r) => r.summary === 'ran during a slow reconcile',
        ),
      );
      assert.equal(run.status, 'completed');
      assert.ok(slow.waiting() > 0, 'the session list is still unanswered: the run came in beside it');
    } finally {
      slow.release();
    }
  });

  test('a burst of chat messages for several sessions lands with every line once, announced in the order sent', async () => {
    const since = (await listEventsSince(db, { afterId: '0', limit: 100_000 })).at(-1)?.id ?? '0';
    const keys = ['a', 'b', 'c'].map((k) => `agent:main:burst-${k}`);
    // more than one batch's worth, interleaved across the sessions
    const sent = Array.from({ length: 1_200 }, (_, i) => `burst line ${i}`);
    sent.forEach((text, i) => sim.message(keys[i % 3]!, 'user', text));
    await until('every line', async () => {
      await bridge.gateway.idle();
      const sessions = await Promise.all(keys.map((k) => getAgentSessionByKey(db, k)));
      if (sessions.some((x) => !x)) return false;
      const counts = await Promise.all(
        sessions.map(async (x) => (await listAgentLogs(db, { sessionId: x!.id, limit: 1_000 })).length),
      );
      return counts.every((n) => n === 400);
    });
    for (const [i, key] of keys.entries()) {
      const logs = await listAgentLogs(db, { sessionId: (await getAgentSessionByKey(db, key))!.id, limit: 1_000 });
      assert.deepEqual(
        logs.map((l) => l.message),
        sent.filter((_, j) => j % 3 === i).map((t) => `user: ${t}`),
      );
    }
    const announced = (await listEventsSince(db, { afterId: since, limit: 100_000 }))
      .filter((e) => e.type === 'agent.log')
      .map((e) => (e.payload as { message: string }).message);
    assert.deepEqual(
      announced.filter((m) => m.startsWith('user: burst line')),
      sent.map((t) => `user: ${t}`),
    );
  });

  test('texts holding a NUL (Postgres stores none) are mirrored without it: the run, its job and the chat line', async () => {
    const job = sim.addJob(hourlyJob('NUL \u0000 job'));
    sim.runJob(job.id, { durationMs: 5, summary: 'a NUL \u0000 in the summary' });
    const row = await until('the job', () => getCronJobByExternalId(db, 'openclaw', job.id));
    assert.equal(row.name, 'NUL  job');
    const run = await until('the run, finished', async () =>
      (await listCronRuns(db, { jobId: row.id })).rows.find((r) => r.status === 'completed'),
    );
    assert.equal(run.summary, 'a NUL  in the summary');
    sim.message('agent:main:nul', 'user', 'a NUL \u0000 in a line');
    const session = await until('the line', () => getAgentSessionByKey(db, 'agent:main:nul'));
    assert.deepEqual(
      (await until('its log', () => listAgentLogs(db, { sessionId: session.id }))).map((l) => l.message),
      ['user: a NUL  in a line'],
    );
  });
});

describeEachDriver('bridge: a chat message the database refuses', (get) => {
  test('is skipped alone: the rest of its burst lands', async () => {
    const { db } = get();
    const dir = mkdtempSync(join(tmpdir(), 'studio-bridge-'));
    const sim = new GatewaySimulator('test-token');
    await sim.start();
    // the database refuses any statement carrying this line, as it would a value it cannot store
    const refusing: Db = {
      ...db,
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            ...tx,
            query: async (sql, params) => {
              if (JSON.stringify(params ?? []).includes('REFUSED'))
                throw Object.assign(new Error('invalid input value'), { code: '22P02' });
              return tx.query(sql, params);
            },
          }),
        ),
    };
    const bridge = await bridgeOnSimulator(refusing, sim, dir, 'refusing-bridge');
    try {
      await until('connected', async () => bridge.gateway.reconciledAt);
      const key = 'agent:main:refused';
      sim.message(key, 'user', 'before');
      sim.message(key, 'user', 'REFUSED');
      sim.message(key, 'user', 'after');
      await bridge.gateway.idle();
      const logs = await until('the good lines', async () => {
        const session = await getAgentSessionByKey(db, key);
        const l = session && (await listAgentLogs(db, { sessionId: session.id }));
        return l && l.length >= 2 && l;
      });
      assert.deepEqual(
        logs.map((l) => l.message),
        ['user: before', 'user: after'],
      );
    } finally {
      await bridge.stop();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describeEachDriver('bridge: a backlog page that fails to commit', (get) => {
  test('is written again by the catch-up reconcile: every run once, each announced once', async () => {
    const { db } = get();
    const dir = mkdtempSync(join(tmpdir(), 'studio-bridge-'));
    const sim = new GatewaySimulator('test-token');
    await sim.start();
    const job = sim.addJob({
      name: 'Every minute',
      enabled: true,
      schedule: { kind: 'every', everyMs: 60_000 },
      payload: { kind: 'agentTurn', message: 'x' },
    });
    const RUNS = 450; // three pages of cron.runs
    for (let i = 0; i < RUNS; i++)
      sim.recordRun(job, Date.now() - (RUNS - i) * 60_000, { durationMs: 1000, summary: `run ${i}` });
    // the second page's transaction dies just before its commit (the database or the process going away)
    let pages = 0;
    const flaky: Db = {
      ...db,
      transaction: (fn) =>
        db.transaction(async (tx) => {
          let page = false;
          const result = await fn({
            ...tx,
            query: (sql, params) => ((page ||= sql.includes('insert into cron_runs')), tx.query(sql, params)),
          });
          if (page && ++pages === 2) throw new Error('connection lost before commit');
          return result;
        }),
    };
    const bridge = await bridgeOnSimulator(flaky, sim, dir, 'flaky-bridge');
    try {
      const row = await until('the job', () => getCronJobByExternalId(db, 'openclaw', job.id));
      await until(
        'every run',
        async () => (await listCronRuns(db, { jobId: row.id, limit: RUNS + 1 })).rows.length === RUNS,
      );
      assert.ok(pages > 2, 'a page failed and was written again');
      const started = (
        await listEventsSince(db, { afterId: '0', channels: [`cron:${row.id}`], limit: 100_000 })
      ).filter((e) => e.type === 'cron.run.started');
      assert.equal(started.length, RUNS);
      assert.equal(new Set(started.map((e) => (e.payload as { runId: string }).runId)).size, RUNS);
    } finally {
      await bridge.stop();
      await sim.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
