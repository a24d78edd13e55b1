// Webhook figures on both drivers: how fast a backlog of outbox events becomes delivered POSTs (a bridge that
// was down catching up), and how long one event takes to reach a receiver on loopback.
import { performance } from 'node:perf_hooks';
import { channelFor } from '@agent-studio/core';
import { appendEvent, createWebhook, type Db } from '@agent-studio/database';
import { onEachDriver, until, type TestDatabase } from '@agent-studio/database/testing';
import { WebhookReceiver } from '../test/kit/webhook-receiver';
import { WebhookWorker } from '../src/webhooks/webhook-worker';
import { silentLogger as quiet } from '../src/logger';
import { median } from './figures';

const BACKLOG = 1_000;
const LATENCY_SAMPLES = 20;

const jobFailed = (db: Db, runId: string) =>
  db.transaction((tx) =>
    appendEvent(tx, channelFor.job('bench'), 'cron.run.completed', {
      jobId: 'bench',
      runId,
      status: 'failed',
      duration: 1,
    }),
  );

async function bench(name: string, t: TestDatabase) {
  const { db } = t;
  const receiver = new WebhookReceiver();
  const url = await receiver.start();
  let worker = new WebhookWorker({ db, logger: quiet });
  await worker.start();
  // the receiver is on loopback, which a webhook reaches only with the owner's leave
  await createWebhook(db, {
    name: 'bench',
    url,
    secret: 'whsec_bench',
    eventTypes: ['job.failed'],
    allowPrivateNetwork: true,
  });
  await worker.stop();

  // a backlog: half the events match the webhook, half do not
  for (let i = 0; i < BACKLOG; i++) {
    await jobFailed(db, `backlog-${i}`);
    await db.transaction((tx) =>
      appendEvent(tx, channelFor.job('bench'), 'cron.run.started', {
        jobId: 'bench',
        runId: `ok-${i}`,
        startedAt: new Date().toISOString(),
      }),
    );
  }
  const t0 = performance.now();
  worker = new WebhookWorker({ db, logger: quiet });
  await worker.start();
  await until('backlog delivered', async () => receiver.received.length >= BACKLOG);
  const backlogMs = performance.now() - t0;

  const latencies: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const before = receiver.received.length;
    const start = performance.now();
    await jobFailed(db, `live-${i}`);
    while (receiver.received.length === before) await new Promise((r) => setTimeout(r, 1));
    latencies.push(performance.now() - start);
  }
  await worker.stop();
  await receiver.stop();
  console.log(
    `${name}: backlog of ${BACKLOG * 2} events (${BACKLOG} to send) delivered in ${(backlogMs / 1000).toFixed(1)} s (${Math.round(BACKLOG / (backlogMs / 1000))}/s); ` +
      `one event to the receiver: median ${median(latencies).toFixed(1)} ms, worst ${Math.max(...latencies).toFixed(1)} ms`,
  );
}

await onEachDriver(bench);
