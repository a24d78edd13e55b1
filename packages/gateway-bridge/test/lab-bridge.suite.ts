// The bridge against a REAL OpenClaw gateway (the lab: openclaw@2026.9.6 on Node 26, offline on loopback,
// a scripted mock model), on one database driver; one gateway per driver, each driver a file of its own. The first run installs
// the lab into the cache (see test/lab/install.ts); later runs reuse it.
//   LAB_VERBOSE=1  prints the bridge's log;  LAB_FRAMES=<file>  appends every gateway event the bridge sees.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { TEST_DEADLINE_MS, type TestDatabase } from '@agent-studio/database/testing';
import {
  deleteBudget,
  enqueueCommand,
  getAgentSession,
  getAgentSessionByKey,
  getCheckpoint,
  getCommand,
  getCronJobByExternalId,
  listAgentLogs,
  listActivity,
  listAgentSessions,
  listCronJobs,
  listCronRuns,
  listEarlierConversations,
  listEventsSince,
  listGtmOutputs,
  upsertBudget,
  type CronJobRow,
  type CronRunRow,
  type Db,
} from '@agent-studio/database';
import { startBridge, type Bridge } from '../src/bridge';
import { GatewayClient, type GatewayEvent } from '../src/gateway/client';
import { loadOrCreateDevice } from '../src/gateway/device-identity';
import type { Logger } from '../src/logger';
import { abortedByOperator } from '../src/mirror/translate';
import { OPENCLAW_VERSION, startLab, type Lab } from './lab/gateway';
import { mirrorCatchesUp } from './faults/mirror-check';

type Status = { connected: boolean; since: string; version: string | null; error: string | null };

interface OcCronJob {
  id: string;
  name: string;
  enabled: boolean;
  agentId?: string;
  schedule: { kind: string; everyMs?: number; expr?: string };
  payload: { kind: string };
}

function makeLogger(lines: string[]): Logger {
  const out = (level: string) => (msg: string, extra?: unknown) => {
    const line = `${new Date().toISOString()} ${level} ${msg}${extra === undefined ? '' : ` ${extra instanceof Error ? extra.message : JSON.stringify(extra)}`}`;
    lines.push(line);
    if (lines.length > 300) lines.shift();
    if (process.env.LAB_VERBOSE) process.stderr.write(`[bridge] ${line}\n`);
  };
  return { info: out('info'), warn: out('warn'), error: out('error') };
}

/** The bridge against a real gateway, on one database driver (lab-bridge-<driver>.test.ts: side by side). */
export function labBridgeSuite(get: () => TestDatabase) {
  let db: Db;
  let lab: Lab;
  let bridge: Bridge | null = null;
  let op: GatewayClient;
  let dir: string;
  let gtmDir: string;
  const bridgeLog: string[] = [];
  const opEvents: GatewayEvent[] = [];
  /** The job test 2 adds; tests 3, 8 and 9 run it again. */
  let probe: { ocId: string; marker: string };

  const diagnostics = () =>
    `\n--- bridge log (tail)\n${bridgeLog.slice(-25).join('\n')}\n${lab?.logTail(25) ?? ''}\n--- refused by the offline guard\n${lab?.blockedNetwork().join('\n') ?? ''}`;

  async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>): Promise<T> {
    const deadline = Date.now() + TEST_DEADLINE_MS;
    for (;;) {
      const v = await fn();
      if (v) return v;
      if (Date.now() > deadline)
        throw new Error(`timed out after ${TEST_DEADLINE_MS / 1000} s waiting for ${what}${diagnostics()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A call from a second operator (the test), independent of the bridge's connection. */
  async function call<T>(method: string, params: unknown = {}): Promise<T> {
    await until('the test operator to be connected', async () => op.connected);
    return op.request<T>(method, params, { timeoutMs: TEST_DEADLINE_MS });
  }

  function waitForOp(pred: (e: GatewayEvent) => boolean, what: string): Promise<GatewayEvent> {
    const start = opEvents.length;
    return until(what, async () => opEvents.slice(start).find(pred));
  }

  async function launchBridge() {
    bridge = await startBridge({
      db,
      identityDir: join(dir, 'studio'),
      gateway: { url: lab.url, token: lab.token, workspaceDir: lab.workspaceDir },
      gtmDir,
      logger: makeLogger(bridgeLog),
      worker: 'lab-bridge',
      budgetCheckMs: 500,
    });
    if (process.env.LAB_FRAMES) {
      const file = process.env.LAB_FRAMES;
      bridge.gateway.client?.on('event', (e) => appendFileSync(file, `${JSON.stringify({ t: Date.now(), ...e })}\n`));
    }
  }

  const status = () => getCheckpoint<Status>(db, 'gateway', 'status');
  const jobRow = (ocId: string) =>
    until(`cron job ${ocId} in cron_jobs`, () => getCronJobByExternalId(db, 'openclaw', ocId));

  /** `model`: another lab provider (a failure puts its provider's key on cooldown, see LAB_PROVIDERS). */
  async function addJob(
    name: string,
    message: string,
    opts: { model?: string; timeoutSeconds?: number } = {},
  ): Promise<OcCronJob> {
    return call<OcCronJob>('cron.add', {
      name,
      schedule: { kind: 'every', everyMs: 3_600_000 }, // never due during the test: runs are forced
      sessionTarget: 'isolated',
      wakeMode: 'now',
      payload: {
        kind: 'agentTurn',
        message,
        timeoutSeconds: opts.timeoutSeconds ?? 60,
        ...(opts.model ? { model: opts.model } : {}),
      },
      delivery: { mode: 'none' },
    });
  }

  /** Forces a run and resolves with the gateway's `finished` event for it. */
  async function forceRun(ocId: string): Promise<Record<string, unknown>> {
    const finished = waitForOp(
      (e) =>
        e.event === 'cron' &&
        (e.payload as { jobId?: string; action?: string }).jobId === ocId &&
        (e.payload as { action?: string }).action === 'finished',
      `cron ${ocId} finished`,
    );
    await call('cron.run', { id: ocId, mode: 'force' });
    return (await finished).payload as Record<string, unknown>;
  }

  const terminalRun = (job: CronJobRow, pred: (r: CronRunRow) => boolean = () => true) =>
    until(`a finished run of ${job.name}`, async () =>
      (await listCronRuns(db, { jobId: job.id, limit: 50 })).rows.find((r) => r.status !== 'running' && pred(r)),
    );

  before(async () => {
    db = get().db;
    dir = mkdtempSync(join(tmpdir(), 'studio-lab-'));
    lab = await startLab();
    gtmDir = join(lab.workspaceDir, 'gtm');
    mkdirSync(join(gtmDir, 'blog'), { recursive: true });
    op = new GatewayClient({
      url: lab.url,
      token: lab.token,
      device: loadOrCreateDevice(join(dir, 'operator')),
      clientVersion: '0.0.0-lab',
    });
    op.on('event', (e) => opEvents.push(e));
    op.start();
    await launchBridge();
  });

  after(async () => {
    if (process.env.LAB_VERBOSE)
      process.stderr.write(`[lab] refused by the offline guard:\n${lab?.blockedNetwork().join('\n')}\n`);
    await bridge?.stop().catch(() => {});
    await op?.stop().catch(() => {});
    await lab?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('connects (protocol 4, device identity) and mirrors the built-in cron jobs, disabled ones too', async () => {
    const s = await until('status connected', async () => {
      const st = await status();
      return st?.connected && st;
    });
    assert.equal(s.version, OPENCLAW_VERSION);
    assert.equal(s.error, null);
    // the cron service starts in the background after hello-ok and then creates its built-in jobs, so they
    // reach the bridge as live `cron` events, not in the reconcile that follows the connect
    const jobs = await until('the built-in jobs', async () => {
      const list = (await call<{ jobs: OcCronJob[] }>('cron.list', { includeDisabled: true })).jobs;
      return list.length >= 2 && list;
    });
    assert.ok(
      jobs.some((j) => !j.enabled),
      'one of the built-in jobs is disabled (heartbeat)',
    );
    const rows = await until('every gateway job mirrored', async () => {
      const r = await listCronJobs(db, { source: 'openclaw' });
      return jobs.every((j) => r.some((row) => row.external_id === j.id)) && r;
    });
    for (const j of jobs) {
      const row = rows.find((r) => r.external_id === j.id)!;
      assert.equal(row.enabled, j.enabled, `${j.name} enabled`);
      assert.equal(row.name, j.name);
      assert.equal(row.schedule_kind, j.schedule.kind);
      assert.equal(row.payload.kind, j.payload.kind);
      assert.equal(row.agent_id, j.agentId ?? null);
    }
    // presence (system-presence): the gateway itself, for the health strip
    const presence = await until('presence recorded', () =>
      getCheckpoint<{ instances: { mode: string | null; version: string | null; host: string | null }[] }>(
        db,
        'gateway',
        'presence',
      ),
    );
    const self = presence.instances.find((p) => p.mode === 'gateway');
    assert.equal(self?.version, OPENCLAW_VERSION, JSON.stringify(presence));
    assert.ok(self?.host);
    const heartbeat = rows.find((r) => r.name === 'heartbeat-main');
    assert.equal(heartbeat?.enabled, false, 'heartbeat is off in the lab (every: 0m)');
    assert.equal(heartbeat?.schedule, 'every 30m');
  });

  test('a job added through the gateway appears; a forced run goes running → completed with its session and logs', async () => {
    const marker = `LAB-PROBE-${randomUUID().slice(0, 8)}`;
    const added = await addJob(`lab probe ${marker}`, `Write the probe report ${marker}`);
    probe = { ocId: added.id, marker };
    lab.mock.script({ when: marker, reply: { text: `Probe report ready ${marker}.`, delayMs: 20 } });
    const job = await jobRow(added.id);
    assert.equal(job.schedule, 'every 1h');
    assert.equal(job.enabled, true);

    const since = (await listEventsSince(db, { afterId: '0', limit: 100_000 })).at(-1)?.id ?? '0';
    const finished = await forceRun(added.id);
    const run = await terminalRun(job);
    assert.equal(run.status, 'completed', run.error ?? '');
    assert.match(run.summary ?? '', new RegExp(`Probe report ready ${marker}`));
    assert.ok((run.duration_ms ?? 0) > 0, `duration ${run.duration_ms}`);
    assert.equal(run.duration_ms, finished.durationMs);
    assert.equal(run.model, 'mock-1');
    assert.equal(run.provider, 'mock');
    assert.deepEqual(run.token_usage, { input: 42, output: 7, cacheRead: 0, cacheWrite: 0, total: 49 });
    assert.ok(run.finished_at && run.finished_at >= run.started_at);
    assert.equal(run.session_key, finished.sessionKey);

    // running → completed, as the studio's events tell it
    const events = (await listEventsSince(db, { afterId: since, limit: 10_000 })).filter(
      (e) => (e.payload as { runId?: string }).runId === run.id,
    );
    assert.deepEqual(
      events.map((e) => e.type),
      ['cron.run.started', 'cron.run.completed'],
      JSON.stringify(events),
    );

    const session = await until('the run session linked to the job', async () => {
      const s = await getAgentSessionByKey(db, run.session_key!);
      return s?.cron_job_id === job.id && s;
    });
    assert.equal(session.agent_type, 'cron');
    const logs = await until('the run session has log lines', async () => {
      const l = await listAgentLogs(db, { sessionId: session.id });
      return l.some((x) => x.message.includes(`Probe report ready ${marker}`)) && l;
    });
    // the job's prompt is the run's input (OpenClaw sends it as a forwarded 'assistant' message)
    const prompt = logs.find((l) => l.message.includes(`Write the probe report ${marker}`));
    assert.ok(prompt?.message.startsWith('user:'), logs.map((l) => l.message.slice(0, 80)).join('\n'));
    assert.equal(prompt?.metadata.injectedBy, 'cron');
    assert.ok(
      logs.some((l) => l.message.startsWith('assistant:') && l.message.includes(`Probe report ready ${marker}`)),
    );
    await until(
      'the run session completed',
      async () => (await getAgentSessionByKey(db, run.session_key!))?.status === 'completed',
    );
    // the run's cost is its session's, as OpenClaw prices it (lab pricing: $1 / $2 per 1M tokens in / out)
    const priced = await until('the run priced', async () =>
      (await listCronRuns(db, { jobId: job.id })).rows.find((r) => r.id === run.id && r.cost_usd != null),
    );
    assert.equal(priced.cost_usd, (42 * 1 + 7 * 2) / 1e6);
    // OpenClaw lists the job's session under the job's key: it is this run's session, not a second, idle one
    await bridge!.gateway.idle();
    assert.equal(await getAgentSessionByKey(db, `agent:main:cron:${added.id}`), null);
  });

  test('a cron.run command queued in the database runs on the gateway and answers with the new run', async () => {
    const job = await jobRow(probe.ocId);
    const before = (await listCronRuns(db, { jobId: job.id })).rows.map((r) => r.id);
    const cmd = await enqueueCommand(db, 'cron.run', { jobId: job.id, triggerType: 'manual' });
    const done = await until('command done', async () => {
      const c = await getCommand(db, cmd.id);
      return c && (c.status === 'succeeded' || c.status === 'failed') && c;
    });
    assert.equal(done.status, 'succeeded', done.error ?? '');
    const result = done.result as { runId: string | null; status: string; openclawRunId: string | null };
    assert.equal(result.status, 'started', JSON.stringify(result));
    assert.ok(result.runId && !before.includes(result.runId), `a new run: ${JSON.stringify(result)}`);
    const run = await terminalRun(job, (r) => r.id === result.runId);
    assert.equal(run.status, 'completed', run.error ?? '');
    assert.equal(run.trigger_type, 'manual');
  });

  /**
   * Runs `fn` while the first insert of a reply's line (an assistant line with `marker`) fails as a deadlock would;
   * then checks the refusal landed (a sequence counts it: it is not rolled back with the insert) and that the bridge
   * read the line back from the transcript.
   */
  async function withReplyRefusedOnce(marker: string, fn: () => Promise<void>) {
    await db.query('create sequence lab_refused');
    await db.query(`create function lab_refuse_once() returns trigger language plpgsql as $$
      begin
        if new.message like 'assistant:%${marker}%' then
          if nextval('lab_refused') = 1 then
            raise exception 'deadlock detected (the lab test''s)' using errcode = '40P01';
          end if;
        end if;
        return new;
      end $$`);
    await db.query(
      'create trigger lab_refuse_once before insert on agent_logs for each row execute function lab_refuse_once()',
    );
    try {
      await fn();
      const [refused] = await db.query<{ n: number }>(
        'select (case when is_called then last_value else 0 end)::int as n from lab_refused',
      );
      assert.ok(refused!.n >= 1, 'the live line was refused');
      // logged once every transcript of the pass is read: the line itself may be in before
      await until('the bridge saying it read lines back', async () =>
        bridgeLog.some((l) => l.includes('not in the live feed; read back')),
      );
    } finally {
      await db.query('drop trigger lab_refuse_once on agent_logs');
      await db.query('drop function lab_refuse_once()');
      await db.query('drop sequence lab_refused');
    }
  }

  const replyLine = async (sessionId: string, text: string) =>
    (await listAgentLogs(db, { sessionId })).some(
      (l) => l.message.startsWith('assistant:') && l.message.includes(text),
    );

  test('a reply the database refused as it streamed in is read back from the run’s transcript once the run ends', async () => {
    const marker = `LAB-REFUSED-${randomUUID().slice(0, 8)}`;
    const added = await addJob(`lab refused ${marker}`, `Write the note ${marker}`);
    lab.mock.script({ when: marker, reply: { text: `Note written ${marker}.`, delayMs: 20 } });
    const job = await jobRow(added.id);
    await withReplyRefusedOnce(marker, async () => {
      await forceRun(added.id);
      const run = await terminalRun(job);
      assert.equal(run.status, 'completed', run.error ?? '');
      const session = await until('the run’s session', () => getAgentSessionByKey(db, run.session_key!));
      await until('the reply’s line, read back', () => replyLine(session.id, `Note written ${marker}`));
    });
  });

  test('a chat reply the database refused as it streamed in is read back once the turn ends', async () => {
    const marker = `LAB-REFUSED-CHAT-${randomUUID().slice(0, 8)}`;
    const sessionKey = `agent:main:${marker.toLowerCase()}`;
    lab.mock.script({ when: marker, reply: { text: `Chat answered ${marker}.`, delayMs: 20 } });
    await withReplyRefusedOnce(marker, async () => {
      await call('chat.send', { sessionKey, message: `Answer ${marker}`, idempotencyKey: randomUUID() });
      const session = await until('the chat’s session', () => getAgentSessionByKey(db, sessionKey));
      await until('the reply’s line, read back', () => replyLine(session.id, `Chat answered ${marker}`));
    });
  });

  test('a chat OpenClaw resets: its key holds the gateway’s new history; the conversation before is a session of its own, with its cost', async () => {
    const marker = `LAB-RESET-${randomUUID().slice(0, 8)}`;
    const sessionKey = `agent:main:${marker.toLowerCase()}`;
    type Message = {
      role: string;
      content: unknown;
      usage?: { cost?: { total?: number } };
      __openclaw?: { id?: string };
    };
    const history = async () =>
      (await call<{ messages: Message[] }>('chat.history', { sessionKey, limit: 100 })).messages;
    const msgIds = (messages: Message[]) =>
      messages.flatMap((m) => (m.__openclaw?.id ? [`msg:${m.__openclaw.id}`] : [])).sort();
    const studioIds = async (sessionId: string) =>
      (await listAgentLogs(db, { sessionId, limit: 500 }))
        .flatMap((l) => (l.external_id?.startsWith('msg:') ? [l.external_id] : []))
        .sort();
    const say = async (what: string) => {
      lab.mock.script({ when: `${marker}-${what}`, reply: { text: `Answered ${marker}-${what}.` } });
      await call('chat.send', { sessionKey, message: `Say ${marker}-${what}`, idempotencyKey: randomUUID() });
      await until(`the answer to ${what}`, async () =>
        (await history()).some(
          (m) => m.role === 'assistant' && JSON.stringify(m.content).includes(`${marker}-${what}`),
        ),
      );
    };

    await say('BEFORE');
    const before = await history();
    const session = await until('the chat’s session with its lines', async () => {
      const s = await getAgentSessionByKey(db, sessionKey);
      return s && (await studioIds(s.id)).join() === msgIds(before).join() && s;
    });
    await call('sessions.reset', { key: sessionKey });
    await say('AFTER');
    const now = await history();
    assert.ok(
      !now.some((m) => JSON.stringify(m.content).includes(`${marker}-BEFORE`)),
      'the gateway forgot the first turn',
    );
    await until(
      'the key’s session to hold the gateway’s history, no more',
      async () => (await studioIds(session.id)).join() === msgIds(now).join(),
    );
    const [earlier, ...more] = await listEarlierConversations(db, session.id);
    assert.ok(earlier && !more.length, 'one conversation before the reset');
    assert.deepEqual(await studioIds(earlier.id), msgIds(before), 'the first turn kept, as a session of its own');
    const row = (await getAgentSession(db, earlier.id))!;
    const cost = before.reduce((sum, m) => sum + (m.usage?.cost?.total ?? 0), 0);
    assert.ok(cost > 0, 'the mock model prices its calls');
    assert.ok(
      Math.abs(Number(row.cost_usd) - cost) < 1e-12,
      `earlier conversation cost ${row.cost_usd}, transcript ${cost}`,
    );
    assert.equal(row.status, 'completed');
  });

  test('a chat OpenClaw deletes keeps its record, marked as deleted; a new chat on its key is a session of its own; one deleted while the bridge is away is marked when it is back, one archived is shown archived, then restored', async () => {
    const marker = `LAB-DELETE-${randomUUID().slice(0, 8)}`;
    const sessionKey = `agent:main:${marker.toLowerCase()}`;
    const say = async (what: string, key = sessionKey) => {
      lab.mock.script({ when: `${marker}-${what}`, reply: { text: `Answered ${marker}-${what}.` } });
      await call('chat.send', { sessionKey: key, message: `Say ${marker}-${what}`, idempotencyKey: randomUUID() });
      const session = await until(`the studio's session of ${what}`, () => getAgentSessionByKey(db, key));
      await until(`the answer to ${what}`, () => replyLine(session.id, `Answered ${marker}-${what}`));
      return session;
    };
    const first = await say('FIRST');
    await call('sessions.delete', { key: sessionKey });
    const deleted = await until('the session marked as deleted', async () => {
      const s = await getAgentSession(db, first.id);
      return s?.removed_at && s;
    });
    assert.ok(deleted.session_key.startsWith(`${sessionKey}#deleted-`), deleted.session_key);
    const second = await say('SECOND');
    assert.notEqual(second.id, first.id);
    assert.equal(
      await replyLine(second.id, `Answered ${marker}-FIRST`),
      false,
      'the deleted chat’s lines stay with it',
    );
    assert.equal(await replyLine(first.id, `Answered ${marker}-FIRST`), true);

    // deleted while the bridge is away: no event says so, the whole list it reads once connected again lacks it;
    // archived meanwhile (as the Control UI's archive, or OpenClaw's own after 30 idle days): the list asked for
    // every session names it, and it stays
    const archivedKey = `${sessionKey}-archived`;
    const archived = await say('ARCHIVED', archivedKey);
    const removed = async () =>
      (await listAgentSessions(db, { limit: 100_000 })).rows.filter((r) => r.removed_at).map((r) => r.id);
    const removedBefore = await removed();
    await bridge!.stop();
    bridge = null;
    await call('sessions.delete', { key: sessionKey });
    const listed = async () =>
      (await call<{ sessions: { key: string; sessionId: string }[] }>('sessions.list', { limit: 500 })).sessions;
    const toArchive = (await listed()).find((s) => s.key === archivedKey)!;
    await call('sessions.patch', { key: archivedKey, archived: true, expectedSessionId: toArchive.sessionId });
    assert.ok(
      !(await listed()).some((s) => s.key === archivedKey),
      'OpenClaw leaves an archived session out of its list',
    );
    const logged = bridgeLog.length;
    await launchBridge();
    await until('a reconcile after the connect', async () =>
      bridgeLog.slice(logged).some((l) => l.includes('reconciled with the gateway')),
    );
    const gone = await getAgentSession(db, second.id);
    assert.ok(gone?.session_key.startsWith(`${sessionKey}#deleted-`), gone?.session_key);
    // it alone: every session the gateway still lists stays as it was, the archived one too
    assert.deepEqual(
      (await removed()).filter((id) => !removedBefore.includes(id)),
      [second.id],
    );
    const kept = await getAgentSession(db, archived.id);
    assert.equal(kept?.session_key, archivedKey);
    assert.equal(kept?.archive_reason, 'manual', 'shown as archived, by hand');
    assert.ok(kept?.archived_at, 'shown as archived');
    // restored in OpenClaw while the bridge runs: the live change says so
    await call('sessions.patch', { key: archivedKey, archived: false, expectedSessionId: toArchive.sessionId });
    await until('shown as restored', async () => (await getAgentSession(db, archived.id))?.archived_at === null);
    await mirrorCatchesUp(db, op);
  });

  test('a job whose session OpenClaw archives is disabled by it: the studio shows the job paused at once', async () => {
    const marker = `LAB-ARCHIVE-JOB-${randomUUID().slice(0, 8)}`;
    lab.mock.script({ when: marker, reply: { text: `Done ${marker}.` } });
    const added = await addJob(`lab archived ${marker}`, `Say ${marker}`);
    await forceRun(added.id);
    const key = `agent:main:cron:${added.id}`;
    const listed = await until('the job’s session listed', async () =>
      (await call<{ sessions: { key: string; sessionId?: string }[] }>('sessions.list', { limit: 500 })).sessions.find(
        (s) => s.key === key && s.sessionId,
      ),
    );
    assert.equal((await jobRow(added.id)).enabled, true);
    // as the Control UI's archive: OpenClaw disables the jobs bound to the session it archives
    await call('sessions.patch', { key, archived: true, expectedSessionId: listed.sessionId });
    assert.equal((await call<{ enabled: boolean }>('cron.get', { id: added.id })).enabled, false);
    await until(
      'the job shown paused',
      async () => (await getCronJobByExternalId(db, 'openclaw', added.id))?.enabled === false,
    );
    await until('its run’s session shown archived', async () => {
      const s = await getAgentSessionByKey(db, `${key}:run:${listed.sessionId}`);
      return s?.archived_at != null;
    });
  });

  const commandDone = (id: string) =>
    until(`command ${id} done`, async () => {
      const c = await getCommand(db, id);
      return c && (c.status === 'succeeded' || c.status === 'failed') && c;
    });

  test('cron.update changes schedule, time zone and message through the gateway; a job OpenClaw does not have fails in words', async () => {
    const marker = `LAB-EDIT-${randomUUID().slice(0, 8)}`;
    const added = await addJob(`lab editable ${marker}`, `Edit me ${marker}`);
    const job = await jobRow(added.id);
    const edit = await enqueueCommand(db, 'cron.update', {
      jobId: job.id,
      schedule: { kind: 'cron', expr: '30 6 * * 1-5' },
      timezone: 'Asia/Tokyo',
      message: `Edited ${marker}`,
    });
    const done = await commandDone(edit.id);
    assert.equal(done.status, 'succeeded', done.error ?? '');
    const oc = await call<{
      schedule: { kind: string; expr?: string; tz?: string };
      payload: { message?: string; timeoutSeconds?: number };
    }>('cron.get', { id: added.id });
    assert.equal(oc.schedule.kind, 'cron');
    assert.equal(oc.schedule.expr, '30 6 * * 1-5');
    assert.equal(oc.schedule.tz, 'Asia/Tokyo');
    assert.equal(oc.payload.message, `Edited ${marker}`);
    assert.equal(oc.payload.timeoutSeconds, 60, 'the rest of the payload is kept');
    const mirrored = await until('the edit mirrored', async () => {
      const j = await getCronJobByExternalId(db, 'openclaw', added.id);
      return j?.schedule === '30 6 * * 1-5' && j.timezone === 'Asia/Tokyo' && j.command === `Edited ${marker}` && j;
    });
    assert.equal(mirrored.schedule_kind, 'cron');
    assert.ok(mirrored.next_run_at && mirrored.next_run_at > new Date());

    // only the time zone: the expression stays
    const tzOnly = await commandDone(
      (await enqueueCommand(db, 'cron.update', { jobId: job.id, timezone: 'Europe/Berlin' })).id,
    );
    assert.equal(tzOnly.status, 'succeeded', tzOnly.error ?? '');
    await until(
      'the zone mirrored',
      async () => (await getCronJobByExternalId(db, 'openclaw', added.id))?.timezone === 'Europe/Berlin',
    );
    assert.equal(
      (await call<{ schedule: { expr?: string } }>('cron.get', { id: added.id })).schedule.expr,
      '30 6 * * 1-5',
    );

    const every = await commandDone(
      (await enqueueCommand(db, 'cron.update', { jobId: job.id, schedule: { kind: 'every', everyMs: 900_000 } })).id,
    );
    assert.equal(every.status, 'succeeded', every.error ?? '');
    await until('the interval mirrored', async () => {
      const j = await getCronJobByExternalId(db, 'openclaw', added.id);
      return j?.schedule === 'every 15m' && j.schedule_kind === 'every' && j.timezone === null;
    });

    // a mirror row whose job OpenClaw does not know: the gateway's CRON_JOB_NOT_FOUND, in words
    await db.query('update cron_jobs set external_id = $2 where id = $1', [job.id, randomUUID()]);
    const stale = await commandDone(
      (await enqueueCommand(db, 'cron.update', { jobId: job.id, message: 'never applied' })).id,
    );
    assert.equal(stale.status, 'failed');
    assert.equal(stale.error, 'Could not change the job: OpenClaw no longer has this job.');
    const entry = (await listActivity(db, { action: 'cron.update' })).rows.find((a) => a.command_id === stale.id);
    assert.equal(entry?.outcome, 'failed');
    assert.equal(entry?.error, stale.error);
  });

  test('budgets: a running session that passes its job’s budget is aborted through the gateway and the job is paused with the reason', async () => {
    const marker = `LAB-BUDGET-${randomUUID().slice(0, 8)}`;
    // one model call (49 tokens) that asks for a tool, then a model that never answers: only the budget ends it
    lab.mock.script({ when: marker, reply: { tool: 'read', args: { path: 'AGENTS.md' } } });
    const removeHang = lab.mock.script({
      when: (r) => r.afterTool != null && r.userText.includes(marker),
      reply: { hang: true },
      times: Infinity,
    });
    const added = await addJob(`lab budgeted ${marker}`, `Spend tokens ${marker}`, { timeoutSeconds: 90 });
    const job = await jobRow(added.id);
    const budget = await upsertBudget(db, {
      scope: 'job',
      target: job.id,
      maxTokens: 40,
      maxCostUsd: null,
      action: 'abort',
    });
    try {
      const since = (await listEventsSince(db, { afterId: '0', limit: 100_000 })).at(-1)?.id ?? '0';
      const finished = forceRun(added.id);
      const session = await until('the run session over its budget', async () => {
        const rows = (await listAgentSessions(db, { limit: 200 })).rows;
        return rows.find((s) => s.cron_job_id === job.id && (s.token_usage.total ?? 0) > 40);
      });
      const abort = await until('the budget watcher aborted it', async () =>
        (await listActivity(db, { action: 'session.abort' })).rows.find(
          (a) => a.target_id === session.id && a.outcome !== 'pending',
        ),
      );
      assert.equal(abort.outcome, 'succeeded', abort.error ?? '');
      assert.equal(abort.actor_kind, 'studio');
      assert.equal(abort.actor_name, 'budget watcher');
      const end = await finished;
      assert.notEqual(end.status, 'ok', JSON.stringify(end));
      await until(
        'the session shows cancelled, not failed',
        async () => (await getAgentSessionByKey(db, session.session_key))?.status === 'cancelled',
      );
      // ended by the studio (its abort, or its pause when that came first: "Cron job disabled by operator."), not
      // by its 90 s timeout: the gateway's own record says which
      assert.ok(abortedByOperator({ error: String(end.error ?? '') }), JSON.stringify(end));
      const paused = await until('the job paused with the reason', async () => {
        const j = await getCronJobByExternalId(db, 'openclaw', added.id);
        return j && !j.enabled && j.paused_reason ? j : null;
      });
      assert.match(paused.paused_reason!, /budget of job .*lab budgeted.*40 tokens/);
      assert.equal(
        (await call<{ enabled: boolean }>('cron.get', { id: added.id })).enabled,
        false,
        'paused in OpenClaw itself',
      );
      const exceeded = (await listEventsSince(db, { afterId: since, limit: 10_000 })).filter(
        (e) => e.type === 'budget.exceeded',
      );
      assert.equal(exceeded.length, 1, 'said once');
      assert.deepEqual(
        { ...(exceeded[0]!.payload as object), message: undefined },
        {
          budgetId: budget.id,
          scope: 'job',
          sessionId: session.id,
          jobId: job.id,
          action: 'abort',
          message: undefined,
        },
      );
    } finally {
      removeHang();
      await deleteBudget(db, budget.id);
    }
  });

  test('a model that fails (429 rate limit, 401 bad key) gives a failed run with the error', async () => {
    const cases = [
      // a quota-style 429: OpenClaw does not retry a long-window rate limit (a per-minute one it retries up to 10 times)
      {
        status: 429,
        provider: 'mock-c',
        message: 'Rate limit reached for mock-1 on requests per day (RPD): Limit 10, Used 10, Requested 1.',
        error: /rate limit/i,
      },
      { status: 401, provider: 'mock-b', message: undefined, error: /401|auth/i },
    ];
    for (const c of cases) {
      const marker = `LAB-FAIL-${c.status}-${randomUUID().slice(0, 8)}`;
      const removeRule = lab.mock.script({
        when: marker,
        reply: { error: { status: c.status, message: c.message } },
        times: Infinity,
      });
      try {
        const added = await addJob(`lab failing ${c.status} ${marker}`, `This run fails ${marker}`, {
          model: `${c.provider}/mock-1`,
        });
        const job = await jobRow(added.id);
        const finished = await forceRun(added.id);
        assert.equal(finished.status, 'error', JSON.stringify(finished));
        const run = await terminalRun(job);
        assert.equal(run.status, 'failed', `${c.status}: ${JSON.stringify(run)}`);
        assert.equal(run.error, finished.error);
        assert.match(run.error ?? '', c.error);
        assert.equal(run.provider, c.provider);
        assert.equal(run.summary, null);
        assert.ok(
          lab.mock.requestsFor(marker).some((r) => r.answered === `error:${c.status}`),
          'the mock was asked',
        );
        const failedJob = await until('the job shows the failure', async () => {
          const j = await getCronJobByExternalId(db, 'openclaw', added.id);
          return j?.last_status === 'failed' && j;
        });
        assert.equal(failedJob.last_error, run.error);
        await until(
          'the run session in error',
          async () => (await getAgentSessionByKey(db, run.session_key!))?.status === 'error',
        );
      } finally {
        removeRule();
      }
    }
  });

  test('a model that never answers: the run times out', async () => {
    const marker = `LAB-HANG-${randomUUID().slice(0, 8)}`;
    const removeRule = lab.mock.script({ when: marker, reply: { hang: true }, times: Infinity });
    try {
      const added = await addJob(`lab hanging ${marker}`, `This run hangs ${marker}`, {
        model: 'mock-d/mock-1',
        timeoutSeconds: 4,
      });
      const job = await jobRow(added.id);
      const finished = await forceRun(added.id);
      assert.equal(finished.status, 'error', JSON.stringify(finished));
      const run = await terminalRun(job);
      assert.equal(run.status, 'timeout', JSON.stringify(run));
      assert.match(run.error ?? '', /timed out/i);
      assert.ok((run.duration_ms ?? 0) >= 4000, `duration ${run.duration_ms}`);
      assert.ok(
        lab.mock.requestsFor(marker).some((r) => r.answered === 'hang'),
        'the mock was asked',
      );
      // OpenClaw's session row says status 'timeout' (with endedAt): an error, not a completed session
      await until('the run session in error', async () => {
        await bridge!.gateway.idle();
        return (await getAgentSessionByKey(db, run.session_key!))?.status === 'error';
      });
      await new Promise((r) => setTimeout(r, 500)); // later session events must not turn it into 'completed'
      await bridge!.gateway.idle();
      assert.equal((await getAgentSessionByKey(db, run.session_key!))?.status, 'error');
    } finally {
      removeRule();
    }
  });

  test('a chat that spawns a sub-agent yields a child session linked to its parent', async () => {
    const marker = `LAB-SPAWN-${randomUUID().slice(0, 8)}`;
    const childTask = `child task ${marker}-child`;
    const parentKey = `agent:main:${marker.toLowerCase()}`;
    lab.mock.script({
      when: marker,
      reply: { tool: 'sessions_spawn', args: { task: childTask, label: `helper-${marker}` } },
    });
    await call('chat.send', {
      sessionKey: parentKey,
      message: `Please delegate this ${marker}`,
      idempotencyKey: randomUUID(),
    });
    const child = await until('the sub-agent session', async () =>
      (await listAgentSessions(db, { type: 'subagent', limit: 200 })).rows.find(
        (s) => s.parent_session_key === parentKey || s.agent_name.includes(marker),
      ),
    );
    const parent = await until('the parent session', () => getAgentSessionByKey(db, parentKey));
    const linked = await until('the child linked to the parent', async () => {
      const c = await getAgentSessionByKey(db, child.session_key);
      return c?.parent_session_id ? c : null;
    });
    assert.equal(linked.parent_session_id, parent.id);
    assert.equal(linked.parent_session_key, parentKey);
    assert.equal(linked.spawn_depth, 1);
    assert.match(linked.session_key, /^agent:main:subagent:/);
    await until(
      'the child completed',
      async () => (await getAgentSessionByKey(db, child.session_key))?.status === 'completed',
    );
    // the child ran a model turn of its own, and its transcript is mirrored under it
    assert.ok(
      lab.mock.requestsMentioning(childTask).some((r) => !r.userText.includes('Please delegate')),
      'the child asked the model',
    );
    await until('the child log', async () =>
      (await listAgentLogs(db, { sessionId: linked.id })).find((l) => l.message.startsWith('assistant:')),
    );
    // and the parent logged its spawn call
    await until('the spawn tool call logged', async () =>
      (await listAgentLogs(db, { sessionId: parent.id })).find((l) => l.tool_name === 'sessions_spawn'),
    );
  });

  test('a file the agent writes into workspace/gtm becomes a gtm_outputs row, linked to the run that wrote it', async () => {
    const marker = `LAB-WRITE-${randomUUID().slice(0, 8)}`;
    const content = `---\ntitle: Lab post ${marker}\ntags: [lab]\nstatus: pending_review\n---\n# Heading\n\nWritten by the agent ${marker}.\n`;
    lab.mock.script({ when: marker, reply: { tool: 'write', args: { path: 'gtm/blog/x.md', content } } });
    const added = await addJob(`lab writer ${marker}`, `Write the blog post ${marker}`);
    const job = await jobRow(added.id);
    const finished = await forceRun(added.id);
    assert.equal(finished.status, 'ok', JSON.stringify(finished));
    const run = await terminalRun(job);
    assert.match(run.summary ?? '', /MOCK_DONE after tool write/);

    const output = await until('the gtm output', async () =>
      (await listGtmOutputs(db, {})).rows.find((o) => o.source_file_path === join(gtmDir, 'blog/x.md')),
    );
    assert.equal(output.title, `Lab post ${marker}`);
    assert.equal(output.content_type, 'blog_post');
    assert.equal(output.status, 'pending_review');
    assert.deepEqual(output.tags, ['lab']);
    assert.match(output.content_md ?? '', new RegExp(`Written by the agent ${marker}`));
    assert.equal(output.source_job_id, job.id);
    assert.equal(output.source_run_id, run.id);
    // the agent's tool call is in the run session's log, with its input and result
    const session = await until('the run session', () => getAgentSessionByKey(db, run.session_key!));
    const call = await until('the write tool call logged with its result', async () =>
      (await listAgentLogs(db, { sessionId: session.id })).find(
        (l) => l.tool_name === 'write' && l.tool_output != null,
      ),
    );
    assert.deepEqual(call.tool_input, { path: 'gtm/blog/x.md', content });
  });

  test('a run that happens while the bridge is stopped is mirrored when it starts again', async () => {
    const job = await jobRow(probe.ocId);
    await bridge!.stop();
    bridge = null;
    const away = `AWAY-${randomUUID().slice(0, 8)}`;
    lab.mock.script({ when: probe.marker, reply: { text: `Ran while the studio was away ${away}.` } });
    const finished = await forceRun(probe.ocId);
    assert.equal(finished.status, 'ok', JSON.stringify(finished));
    assert.equal(
      (await listCronRuns(db, { jobId: job.id, limit: 50 })).rows.filter((r) => r.summary?.includes(away)).length,
      0,
    );
    await launchBridge();
    const run = await terminalRun(job, (r) => Boolean(r.summary?.includes(away)));
    assert.equal(run.status, 'completed');
    assert.equal(run.started_at.getTime(), finished.runAtMs);
    assert.deepEqual(run.token_usage, { input: 42, output: 7, cacheRead: 0, cacheWrite: 0, total: 49 });
    // its session, from the run's entry (the gateway lists only a job's latest session, and no transcript of
    // an earlier one)
    const session = await until('the run session', () => getAgentSessionByKey(db, run.session_key!));
    assert.equal(session.cron_job_id, job.id);
    assert.equal(session.status, 'completed');
    assert.deepEqual(
      { input: session.token_usage.input, output: session.token_usage.output },
      { input: 42, output: 7 },
    );
  });

  test('the gateway killed during a run is recorded; once it is back the bridge reconnects by itself, mirrors again, and matches the gateway’s lists', async (t) => {
    const before = await until('connected', async () => {
      const s = await status();
      return s?.connected && s;
    });
    // a run in flight (a slow answer) when the gateway dies
    const job = await jobRow(probe.ocId);
    lab.mock.script({
      when: probe.marker,
      reply: { text: `A slow answer, streamed in many small pieces, cut short ${randomUUID()}.`, delayMs: 300 },
    });
    await call('cron.run', { id: probe.ocId, mode: 'force' });
    const asked = lab.mock.requestsFor(probe.marker).length;
    const inFlight = await until(
      'the run in flight in the database',
      async () => (await listCronRuns(db, { jobId: job.id, status: 'running' })).rows[0],
    );
    await until('the model streaming its answer', async () => lab.mock.requestsFor(probe.marker).length > asked);
    await new Promise((r) => setTimeout(r, 500));
    await lab.kill();
    const down = await until('status disconnected', async () => {
      const s = await status();
      return s && !s.connected && s;
    });
    assert.ok(down.error && down.error.length > 0, `an error is recorded: ${JSON.stringify(down)}`);
    assert.ok(new Date(down.since) >= new Date(before.since));
    assert.equal(bridge!.gateway.calls, null, 'commands see no gateway while it is down');

    await lab.restart(); // same port, same state (the device stays paired)
    const up = await until('status reconnected', async () => {
      const s = await status();
      return s?.connected && s;
    });
    assert.equal(up.version, OPENCLAW_VERSION);
    assert.equal(up.error, null);
    assert.ok(new Date(up.since) > new Date(down.since));

    // and it mirrors live again
    const back = `BACK-${randomUUID().slice(0, 8)}`;
    lab.mock.script({ when: probe.marker, reply: { text: `Back again ${back}.` } });
    await forceRun(probe.ocId);
    const run = await terminalRun(job, (r) => Boolean(r.summary?.includes(back)));
    assert.equal(run.status, 'completed');

    // the database against the gateway's own lists: nothing missing, nothing twice, nothing left running
    const counts = await mirrorCatchesUp(db, op);
    const cut = (await listCronRuns(db, { jobId: job.id, limit: 100 })).rows.find((r) => r.id === inFlight.id);
    t.diagnostic(
      `mirror = gateway: ${JSON.stringify(counts)}; the run cut short by the kill: ${cut ? `${cut.status} (${cut.error ?? cut.summary})` : 'not listed by the gateway, so not kept'}`,
    );
  });
}
