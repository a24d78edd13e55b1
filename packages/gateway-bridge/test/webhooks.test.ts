// Outgoing webhooks end to end on both drivers: outbox events in, signed POSTs to a real local HTTP server
// out, with retries, giving up, the event-type filter and a restart that neither loses nor repeats.
import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { channelFor, type EventPayload, type EventType } from '@agent-studio/core';
import { verifyWebhookSignature } from '@agent-studio/core/webhook-signature';
import type { WebhookEventType } from '@agent-studio/core/webhook-events';
import { agentErroredData, jobFailedData } from '@agent-studio/core/api';
import { failureAdvice } from '@agent-studio/core/failures/categorize';
import {
  appendEvent,
  createWebhook,
  insertAgentLogs,
  listWebhookDeliveries,
  updateWebhook,
  upsertAgentSession,
  upsertCronRun,
  type CronRunInput,
  type Db,
  type WebhookDeliveryRow,
} from '@agent-studio/database';
import { describeEachDriver, testCronJob, until } from '@agent-studio/database/testing';
import { COULD_NOT_CONNECT, PRIVATE_TARGET } from '../src/webhooks/send-webhook';
import { retryDelay, WebhookWorker } from '../src/webhooks/webhook-worker';
import { startNonHttpService, WebhookReceiver } from './kit/webhook-receiver';
import { silentLogger as quiet } from '../src/logger';

const SECRET = 'whsec_test';

describeEachDriver('webhook delivery', (get) => {
  let db: Db;
  let worker: WebhookWorker;
  let receiver: WebhookReceiver;
  let url: string;
  let n = 0;

  const startWorker = async (publicUrl?: string) => {
    worker = new WebhookWorker({
      db,
      logger: quiet,
      retry: { attempts: 3, baseDelayMs: 40, maxDelayMs: 200 },
      timeoutMs: 1500,
      pollMs: 1000,
      publicUrl,
    });
    await worker.start();
  };
  // the receivers listen on loopback, which a webhook reaches only with the owner's leave
  const hook = async (eventTypes: WebhookEventType[], allowPrivateNetwork = true) =>
    createWebhook(db, { name: `hook ${++n}`, url, secret: SECRET, eventTypes, allowPrivateNetwork });
  const emit = <T extends EventType>(channel: string, type: T, payload: EventPayload<T>) =>
    db.transaction((tx) => appendEvent(tx, channel, type, payload));
  /** Emits a failed run's event; its id (read back by the run: events get theirs at commit). */
  const jobFailed = async (runId: string) => {
    await emit(channelFor.job('j1'), 'cron.run.completed', { jobId: 'j1', runId, status: 'failed', duration: 5 });
    const [row] = await db.query<{ id: string }>(
      `select id from events where type = 'cron.run.completed' and payload->>'runId' = $1`,
      [runId],
    );
    return row!.id;
  };
  // a job and its failed run as the mirror writes them (the run's event comes from the upsert)
  const failedRun = (error: string | null, extra: Partial<CronRunInput> = {}) =>
    db.transaction(async (tx) => {
      const job = await testCronJob(tx, {
        externalId: `wh-job-${++n}`,
        name: `Morning brief ${n}`,
        schedule: '0 8 * * *',
        timezone: 'UTC',
      });
      const { row: run } = await upsertCronRun(tx, {
        jobId: job.id,
        externalId: `wh-run-${n}`,
        startedAt: new Date(),
        finishedAt: new Date(),
        durationMs: 1200,
        status: 'failed',
        error,
        ...extra,
      });
      return { job, run };
    });
  const signed = (r: { headers: Record<string, unknown>; body: string }) =>
    verifyWebhookSignature(SECRET, r.headers['x-studio-signature'] as string, r.body, 60);
  const settled = (webhookId: string, count: number) =>
    until(`${count} settled deliveries`, async () => {
      const rows = await listWebhookDeliveries(db, webhookId);
      return rows.length === count && rows.every((r) => r.status !== 'pending') && rows;
    });

  before(async () => {
    db = get().db;
    await startWorker();
  });
  afterEach(async () => {
    await receiver?.stop();
    // a finished test's hooks must not receive the next test's events
    await db.query('update webhooks set enabled = false');
  });
  after(async () => {
    await worker?.stop();
  });

  const newReceiver = async () => {
    receiver = new WebhookReceiver();
    url = await receiver.start();
  };

  test('a failed job is POSTed once, signed, with event and delivery headers', async () => {
    await newReceiver();
    const h = await hook(['job.failed']);
    const eventId = await jobFailed('r-signed');
    const [d] = await settled(h.id, 1);
    assert.equal(d!.status, 'delivered');
    assert.equal(d!.response_status, 200);
    assert.equal(d!.event_id, eventId);
    assert.equal(receiver.received.length, 1);
    const { headers, body } = receiver.received[0]!;
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers['x-studio-event'], 'job.failed');
    assert.equal(headers['x-studio-delivery'], d!.id);
    assert.equal(verifyWebhookSignature(SECRET, headers['x-studio-signature'] as string, body, 60), true);
    assert.equal(verifyWebhookSignature('whsec_wrong', headers['x-studio-signature'] as string, body, 60), false);
    // a run the studio does not hold: its ids, and a link all the same
    const data = {
      jobId: 'j1',
      runId: 'r-signed',
      status: 'failed',
      duration: 5,
      jobName: null,
      error: null,
      category: 'unknown',
      advice: failureAdvice('unknown'),
      link: '/cron/runs/r-signed',
    };
    assert.deepEqual(JSON.parse(body), { id: d!.id, type: 'job.failed', createdAt: d!.created_at.toISOString(), data });
  });

  test('a failed job says which job, why (bounded) and what kind of failure, and links to its run; built when queued, still signed', async () => {
    await newReceiver();
    const h = await hook(['job.failed']);
    const rateLimited = await failedRun(
      `Rate limit exceeded (429): tokens per min limit reached. ${'Retry later. '.repeat(400)}`,
    );
    // a host-cron run without an error: the end of its stderr says why
    const stderr = `${'compiling…\n'.repeat(500)}Error: ENOENT: no such file or directory, open '/data/leads.csv'`;
    const hostRun = await failedRun(null, { exitCode: 1, stderr });
    const rows = await settled(h.id, 2);
    assert.ok(receiver.received.every(signed), 'signed as before');
    const bodies = new Map(receiver.bodies().map((b) => [b.data.runId, b]));

    const rate = bodies.get(rateLimited.run.id)!.data;
    assert.deepEqual(
      Object.keys(rate).sort(),
      Object.keys(jobFailedData.shape)
        .filter((k) => k !== 'url')
        .sort(),
      'the fields the OpenAPI document lists, no url without the studio’s address',
    );
    assert.equal(rate.jobId, rateLimited.job.id);
    assert.equal(rate.status, 'failed');
    assert.equal(rate.duration, 1200);
    assert.equal(rate.jobName, rateLimited.job.name);
    assert.equal(rate.category, 'rate_limit');
    assert.match(
      rate.advice as string,
      /Spread the schedules.*agents\.defaults\.model\.fallbacks/,
      'the fix the Failures page suggests',
    );
    assert.equal(rate.link, `/cron/runs/${rateLimited.run.id}`);
    const error = rate.error as string;
    assert.equal(error.length, 2000);
    assert.ok(
      error.startsWith('Rate limit exceeded (429): tokens per min limit reached.') && error.endsWith('…'),
      error.slice(0, 80),
    );

    const host = bodies.get(hostRun.run.id)!.data;
    assert.equal(host.category, 'tool_failed');
    assert.equal((host.error as string).length, 2000);
    assert.ok((host.error as string).startsWith('…') && (host.error as string).endsWith("open '/data/leads.csv'"));

    // the delivery holds the body from the start: a retry sends the same, whatever changes meanwhile
    for (const row of rows) assert.deepEqual(row.payload, bodies.get((row.payload as { runId: string }).runId)!.data);
  });

  test('with the studio’s address known, an errored agent says which agent and session, why, and links to it in full', async () => {
    await worker.stop();
    await startWorker('https://studio.example.com/');
    try {
      await newReceiver();
      const h = await hook(['agent.errored', 'job.failed']);
      const key = `agent:main:subagent:wh-${++n}`;
      const session = await db.transaction(async (tx) => {
        const { row } = await upsertAgentSession(tx, {
          sessionKey: key,
          agentName: 'researcher',
          agentType: 'subagent',
          status: 'running',
        });
        await insertAgentLogs(tx, row.id, [
          {
            externalId: 'l1',
            level: 'error',
            message: 'Tool error: web_fetch failed (timeout)',
            timestamp: new Date(),
          },
          { externalId: 'l2', level: 'info', message: 'Trying again with a shorter context', timestamp: new Date() },
          {
            externalId: 'l3',
            level: 'error',
            message: 'Context window exceeded: 212043 tokens > 200000',
            timestamp: new Date(),
          },
        ]);
        return row;
      });
      await db.transaction((tx) =>
        upsertAgentSession(tx, { sessionKey: key, agentName: 'researcher', agentType: 'subagent', status: 'error' }),
      );
      // a sub-agent without an error line: its task's terminal summary says why
      const summarisedSession = await db.transaction(async (tx) => {
        const { row } = await upsertAgentSession(tx, {
          sessionKey: `${key}-b`,
          agentName: 'writer',
          agentType: 'subagent',
          status: 'running',
        });
        await upsertAgentSession(tx, {
          sessionKey: `${key}-b`,
          agentName: 'writer',
          agentType: 'subagent',
          status: 'error',
          progressMessage: 'HTTP 401: invalid api key',
        });
        return row;
      });
      const { run } = await failedRun('cron: job interrupted by gateway restart');
      await settled(h.id, 3);
      assert.ok(receiver.received.every(signed), 'signed as before');
      const byType = new Map(
        receiver.bodies().map((b) => [b.type === 'agent.errored' ? b.data.sessionId : b.type, b.data]),
      );

      const summarised = byType.get(summarisedSession.id)!;
      assert.equal(summarised.agentName, 'writer');
      assert.equal(summarised.error, 'HTTP 401: invalid api key');
      assert.equal(summarised.category, 'auth');

      const agent = byType.get(session.id)!;
      assert.deepEqual(
        Object.keys(agent).sort(),
        Object.keys(agentErroredData.shape).sort(),
        'the fields the OpenAPI document lists',
      );
      assert.equal(agent.sessionId, session.id);
      assert.equal(agent.status, 'error');
      assert.equal(agent.agentName, 'researcher');
      assert.equal(agent.sessionKey, key);
      assert.equal(agent.error, 'Context window exceeded: 212043 tokens > 200000', 'its latest error line');
      assert.equal(agent.category, 'context_overflow');
      assert.match(agent.advice as string, /\/new.*agents\.defaults\.compaction/);
      assert.equal(agent.link, `/agents/${session.id}`);
      assert.equal(agent.url, `https://studio.example.com/agents/${session.id}`);

      const job = byType.get('job.failed')!;
      assert.equal(job.error, 'cron: job interrupted by gateway restart');
      assert.equal(job.url, `https://studio.example.com/cron/runs/${run.id}`);
    } finally {
      await worker.stop();
      await startWorker();
    }
  });

  test('a run the studio knows was cancelled (by the owner or a budget) sends no job.failed', async () => {
    await newReceiver();
    const h = await hook(['job.failed']);
    // its failed report is in the outbox; the studio then learnt it was cancelled
    await worker.stop();
    const cancelled = await failedRun('aborted');
    await db.query(`update cron_runs set status = 'cancelled' where id = $1`, [cancelled.run.id]);
    const failed = await failedRun('boom');
    await startWorker();
    const rows = await settled(h.id, 1);
    assert.deepEqual(
      rows.map((r) => (r.payload as { runId: string }).runId),
      [failed.run.id],
    );
    assert.deepEqual(
      receiver.bodies().map((b) => b.data.runId),
      [failed.run.id],
    );
  });

  test('500s are retried with backoff until the receiver accepts; the delivery id stays the same', async () => {
    await newReceiver();
    receiver.answer = (i) => (i < 2 ? 500 : 204);
    const h = await hook(['job.failed']);
    await jobFailed('r-retry');
    const [d] = await settled(h.id, 1);
    assert.equal(d!.status, 'delivered');
    assert.equal(d!.attempts, 3);
    assert.equal(d!.response_status, 204);
    assert.equal(d!.error, null);
    assert.equal(receiver.received.length, 3);
    assert.deepEqual(new Set(receiver.received.map((r) => r.headers['x-studio-delivery'])), new Set([d!.id]));
  });

  test('after the last attempt the delivery fails, saying why', async () => {
    await newReceiver();
    receiver.answer = () => 500;
    const h = await hook(['job.failed']);
    await jobFailed('r-give-up');
    const [d] = await settled(h.id, 1);
    assert.equal(d!.status, 'failed');
    assert.equal(d!.attempts, 3);
    assert.equal(d!.response_status, 500);
    assert.equal(d!.error, 'The receiver answered 500 (Internal Server Error).');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(receiver.received.length, 3, 'no attempt after giving up');
  });

  test('a closed port, a service that is not HTTP and a receiver that never answers read the same in the log', async () => {
    // told apart, they would let whoever reads the log map which ports of the studio's network are open
    await newReceiver();
    receiver.answer = () => 'hang';
    const silent = await hook(['agent.errored']);
    const service = await startNonHttpService();
    url = service.url;
    const notHttp = await hook(['agent.errored']);
    url = service.closedUrl;
    const closed = await hook(['agent.errored']);
    await emit(channelFor.session('s1'), 'agent.session.updated', { sessionId: 's1', status: 'error', progress: 40 });
    const outcomes = await Promise.all([silent, notHttp, closed].map(async (h) => (await settled(h.id, 1))[0]!));
    await service.stop();
    for (const d of outcomes) {
      assert.equal(d.status, 'failed');
      assert.equal(d.attempts, 3, 'retried: the receiver may come back');
      assert.equal(d.response_status, null);
      assert.equal(d.error, COULD_NOT_CONNECT);
    }
  });

  test("without the owner's leave, private targets are refused at delivery, by address and by what a name resolves to", async () => {
    await newReceiver();
    const port = new URL(url).port;
    const targets = [
      url,
      `http://localhost:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      'http://169.254.169.254/latest/meta-data/',
      'http://0.0.0.0:9/',
    ];
    const hooks = [];
    for (const target of targets) {
      url = target;
      hooks.push(await hook(['job.failed'], false));
    }
    await jobFailed('r-private');
    for (const h of hooks) {
      const [d] = await settled(h.id, 1);
      assert.equal(d!.status, 'failed', h.url);
      assert.equal(d!.attempts, 1, 'not retried: it would be refused again');
      assert.equal(d!.error, PRIVATE_TARGET);
    }
    assert.equal(receiver.received.length, 0, 'nothing reached the loopback receiver');
    // the owner's leave, given later, lets the next delivery through
    await updateWebhook(db, hooks[1]!.id, { allowPrivateNetwork: true });
    await jobFailed('r-allowed');
    await until('delivered to localhost', async () => receiver.received.length === 1);
  });

  test('a redirect is not followed', async () => {
    await newReceiver();
    receiver.answer = () => 307;
    const h = await hook(['job.failed']);
    await jobFailed('r-redirect');
    const [d] = await settled(h.id, 1);
    assert.equal(d!.error, 'The receiver answered 307 (a redirect, which is not followed).');
    assert.deepEqual(
      receiver.received.map((r) => r.path),
      ['/hook', '/hook', '/hook'],
      'one request per attempt, none to where it points',
    );
  });

  test('each webhook gets only the event types it chose, and a disabled one gets nothing', async () => {
    await newReceiver();
    const published = await hook(['content.published']);
    const review = await hook(['content.ready_for_review', 'job.failed']);
    const disabled = await hook(['content.published', 'content.ready_for_review', 'job.failed', 'agent.errored']);
    await updateWebhook(db, disabled.id, { enabled: false });
    await emit(channelFor.job('j1'), 'cron.run.completed', {
      jobId: 'j1',
      runId: 'r-ok',
      status: 'success',
      duration: 1,
    });
    await emit(channelFor.gtm(), 'gtm.output.status_changed', { outputId: 'o1', status: 'pending_review' });
    await emit(channelFor.gtm(), 'gtm.output.status_changed', { outputId: 'o1', status: 'approved' });
    await emit(channelFor.gtm(), 'gtm.output.status_changed', { outputId: 'o1', status: 'published' });
    await emit(channelFor.session('s2'), 'agent.session.updated', { sessionId: 's2', status: 'running', progress: 10 });
    await jobFailed('r-filter');
    // an errored session that reports again (tokens, final output) has not errored again; after a recovery it has
    const errored = await hook(['agent.errored']);
    for (const status of ['error', 'error', 'running', 'error'])
      await emit(channelFor.session('s3'), 'agent.session.updated', { sessionId: 's3', status, progress: 50 });
    assert.equal((await settled(errored.id, 2)).length, 2);
    const types = (rows: WebhookDeliveryRow[]) => rows.map((r) => r.event_type).sort();
    assert.deepEqual(types(await settled(published.id, 1)), ['content.published']);
    assert.deepEqual(types(await settled(review.id, 2)), ['content.ready_for_review', 'job.failed']);
    assert.deepEqual(await listWebhookDeliveries(db, disabled.id), []);
    assert.equal(receiver.received.length, 5);
  });

  test('a restart mid-way neither loses nor repeats an event', async () => {
    await newReceiver();
    receiver.answer = () => 200;
    const h = await hook(['job.failed']);
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => jobFailed(`r-before-${i}`)));
    // stop while the first deliveries are in flight: the worker records them before it returns
    await until('a delivery in flight', async () => receiver.received.length > 0);
    await worker.stop();
    const during = await Promise.all(Array.from({ length: 10 }, (_, i) => jobFailed(`r-during-${i}`)));
    await startWorker();
    const after = await Promise.all(Array.from({ length: 5 }, (_, i) => jobFailed(`r-after-${i}`)));
    const rows = await settled(h.id, 25);
    assert.ok(rows.every((r) => r.status === 'delivered' && r.attempts === 1));
    assert.deepEqual(rows.map((r) => r.event_id).sort(), [...first, ...during, ...after].sort());
    const runIds = receiver.bodies().map((b) => b.data.runId as string);
    assert.equal(runIds.length, 25, 'each event POSTed exactly once');
    assert.equal(new Set(runIds).size, 25);
  });

  test('webhooks only receive events from after they were created', async () => {
    await newReceiver();
    // the worker lags behind (stopped): an event from before the hook must still not reach it
    await worker.stop();
    await jobFailed('r-old');
    const h = await hook(['job.failed']);
    await jobFailed('r-new');
    await startWorker();
    const rows = await settled(h.id, 1);
    assert.deepEqual(
      receiver.bodies().map((b) => b.data.runId),
      ['r-new'],
    );
    assert.equal(rows[0]!.status, 'delivered');
  });
});

test('retry waits double each time, half of each random, up to the cap', () => {
  const policy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 5000 };
  const ranges = [1, 2, 3, 4].map((attempt) => Array.from({ length: 200 }, () => retryDelay(policy, attempt)));
  [
    [500, 1000],
    [1000, 2000],
    [2000, 4000],
    [2500, 5000],
  ].forEach(([min, max], i) => {
    assert.ok(
      ranges[i]!.every((d) => d >= min! && d <= max!),
      `attempt ${i + 1}`,
    );
    assert.ok(new Set(ranges[i]).size > 100, 'jittered');
  });
});
