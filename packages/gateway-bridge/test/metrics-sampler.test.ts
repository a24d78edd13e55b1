// The minute sample of the system metrics (seed system_metrics): gateway up, active agents, tokens and cost of
// the last hour, the cron success rate, disk use of the workspace and GTM folders; announced with an event.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import { latestMetrics, listEventsSince, latestEventId, upsertAgentSession } from '@agent-studio/database';
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
      assert.equal((events[0]!.payload as { metrics: number }).metrics, 7);

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
});
