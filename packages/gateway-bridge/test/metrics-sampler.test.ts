// The minute sample of the system metrics (seed system_metrics): gateway up, active agents, tokens and cost of
// the last hour, the cron success rate, disk use of the workspace and GTM folders; announced with an event.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import {
  DEFAULT_GATEWAY_ID,
  createGateway,
  latestMetrics,
  listEventsSince,
  latestEventId,
  listMetricNames,
  metricSeries,
  recordGatewaySeen,
  upsertAgentSession,
} from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { sampleMetrics } from '../src/sources/metrics-sampler';
import { silentLogger as logger } from '../src/logger';

describeEachDriver('metrics sampler', (get) => {
  test('writes each metric once a sample, and says so on the system channel', async () => {
    const { db } = get();
    const dir = mkdtempSync(`${tmpdir()}/studio-sampler-`);
    try {
      const [job] = await db.query<{ id: string }>(
        `insert into cron_jobs (name, schedule, command, external_id) values ('sampled', '0 * * * *', 'x', 'sampled') returning id`,
      );
      for (const status of ['completed', 'completed', 'completed', 'failed']) {
        await db.query(
          `insert into cron_runs (job_id, started_at, status, duration_ms) values ($1, now() - interval '1 hour', $2, 1000)`,
          [job!.id, status],
        );
      }
      await upsertAgentSession(db, {
        sessionKey: 'agent:main:sampled',
        agentName: 'sampled',
        agentType: 'singleton',
        status: 'running',
      });
      const before = await latestEventId(db);

      await sampleMetrics({ db, logger, gatewayUp: () => true, folders: { workspace: dir, gtm: dir } });

      const latest = await latestMetrics(db, [
        'gateway.up',
        'agents.active',
        'tokens.last_hour',
        'cost.last_hour',
        'cron.success_rate_24h',
        'disk.workspace',
        'disk.gtm',
      ]);
      assert.equal(latest['gateway.up']?.value, 1);
      assert.equal(latest['agents.active']?.value, 1);
      assert.equal(latest['cron.success_rate_24h']?.value, 75);
      for (const disk of ['disk.workspace', 'disk.gtm'])
        assert.ok(latest[disk]!.value > 0 && latest[disk]!.value <= 100, `${disk}: ${latest[disk]?.value}`);
      assert.deepEqual(Object.keys(latest).sort(), [
        'agents.active',
        'cost.last_hour',
        'cron.success_rate_24h',
        'disk.gtm',
        'disk.workspace',
        'gateway.up',
        'tokens.last_hour',
      ]);
      const events = (await listEventsSince(db, { afterId: before, channels: ['system'], limit: 10 })).filter(
        (e) => e.type === 'system.metrics.sampled',
      );
      assert.equal(events.length, 1);
      // the studio's 7, and the one gateway's own 5 (up, agents, tokens, cost, success rate)
      assert.equal((events[0]!.payload as { metrics: number }).metrics, 12);

      await sampleMetrics({ db, logger, gatewayUp: () => false, folders: {} });
      assert.equal(
        (await latestMetrics(db, ['gateway.up']))['gateway.up']?.value,
        0,
        'the gateway going away shows in the next sample',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("in a fleet, each gateway's up, agents, usage and success rate are sampled apart from the studio's", async () => {
    const { db } = get();
    const far = await createGateway(db, 'far');
    await recordGatewaySeen(db, far.id, {
      url: 'ws://far:18789',
      version: '2026.9.6',
      host: 'far',
      connected: true,
      error: null,
      servedBy: 'bridge@far',
    });
    const [job] = await db.query<{ id: string }>(
      `insert into cron_jobs (name, schedule, command, external_id, gateway_id) values ('far job', '0 * * * *', 'x', 'far', $1) returning id`,
      [far.id],
    );
    for (const status of ['completed', 'failed'])
      await db.query(
        `insert into cron_runs (job_id, started_at, status, duration_ms, gateway_id) values ($1, now() - interval '1 hour', $2, 1000, $3)`,
        [job!.id, status, far.id],
      );
    for (const [gatewayId, key] of [
      [far.id, 'agent:main:a'],
      [far.id, 'agent:main:b'],
      [DEFAULT_GATEWAY_ID, 'agent:main:a'],
    ] as const)
      await upsertAgentSession(db, {
        gatewayId,
        sessionKey: key,
        agentName: key,
        agentType: 'singleton',
        status: 'running',
      });

    const at = new Date();
    await sampleMetrics({ db, logger, gatewayUp: () => false, folders: {} });

    // this sample only (the test before sampled too): from its start, read raw (a minute's buckets)
    const sampled = async (name: string, gatewayId: string | null) =>
      (await metricSeries(db, { name, gatewayId, from: at, to: new Date(Date.now() + 60_000), bucketSeconds: 60 }))
        .map((p) => p.avg)
        .join();
    // the default gateway also runs the test before's session
    assert.equal(await sampled('agents.active', null), '4', "the studio's: every gateway's sessions");
    assert.equal(await sampled('agents.active', far.id), '2');
    assert.equal(await sampled('agents.active', DEFAULT_GATEWAY_ID), '2');
    assert.equal(await sampled('gateway.up', far.id), '1', 'far is connected, as its bridge last saw it');
    assert.equal(await sampled('gateway.up', DEFAULT_GATEWAY_ID), '0');
    assert.equal(await sampled('cron.success_rate_24h', far.id), '50');
    assert.equal(await sampled('cron.success_rate_24h', DEFAULT_GATEWAY_ID), '75', 'the test before’s runs');

    const names = async (gatewayId?: string) =>
      Object.fromEntries((await listMetricNames(db, gatewayId)).map((n) => [n.name, n.gateway_id]));
    const perGateway = ['agents.active', 'cost.last_hour', 'cron.success_rate_24h', 'gateway.up', 'tokens.last_hour'];
    // the disks (sampled by the test before) are only the studio's: a gateway's page shows the studio's
    const disks = { 'disk.gtm': null, 'disk.workspace': null };
    assert.deepEqual(await names(), { ...Object.fromEntries(perGateway.map((n) => [n, null])), ...disks });
    assert.deepEqual(await names(far.id), { ...Object.fromEntries(perGateway.map((n) => [n, far.id])), ...disks });
    assert.deepEqual(
      await latestMetrics(db, ['agents.active']).then((l) => l['agents.active']?.value),
      4,
      "the dashboard's figure stays the studio's",
    );
  });
});
