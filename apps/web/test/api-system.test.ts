import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { describeEachDriver } from '@agent-studio/database/testing';
import { insertMetrics } from '@agent-studio/database';
import * as healthRoute from '@/app/api/health/route';
import * as metricsRoute from '@/app/api/metrics/route';
import * as openapiRoute from '@/app/api/openapi.json/route';
import { call, until, useStudio } from './fixture';

const API_DIR = fileURLToPath(new URL('../src/app/api', import.meta.url));

/** Every route file under app/api, as an OpenAPI path (`[id]` → `{id}`). */
function routeFiles(dir = API_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? routeFiles(join(dir, e.name))
      : e.name === 'route.ts'
        ? [`/api/${relative(API_DIR, dir).replace(/\[(\w+)\]/g, '{$1}')}`]
        : [],
  );
}

test('the OpenAPI document describes every route the app defines, with parameters and bodies', async () => {
  const { status, json } = await call(openapiRoute.GET, 'GET', '/api/openapi.json');
  assert.equal(status, 200);
  assert.equal(json.openapi, '3.1.0');
  const documented = Object.keys(json.paths).sort();
  const defined = routeFiles()
    .filter((p) => p !== '/api/openapi.json')
    .sort();
  assert.deepEqual(documented, defined);
  const patch = json.paths['/api/gtm/outputs/{id}'].patch;
  assert.ok(patch.requestBody.content['application/json'].schema.properties.status.enum.includes('approved'));
  assert.deepEqual(
    patch.parameters.map((p: { name: string; in: string }) => [p.name, p.in]),
    [['id', 'path']],
  );
  assert.ok(json.paths['/api/gtm/outputs'].get.parameters.some((p: { name: string }) => p.name === 'search'));
});

describeEachDriver('system API', (get) => {
  const studio = useStudio(get);

  test('GET /api/health has the seed’s shape and reports the gateway connection', async () => {
    const health = await until('connected', async () => {
      const { json } = await call(healthRoute.GET, 'GET', '/api/health');
      return json.gateway === 'connected' && json;
    });
    assert.deepEqual(Object.keys(health).sort(), [
      'activeAgents',
      'cronHealth',
      'diskUsage',
      'gateway',
      'gatewayDetail',
    ]);
    assert.deepEqual(Object.keys(health.cronHealth).sort(), ['failedJobs', 'last24hSuccessRate', 'runs24h']);
    // the bridge samples at start; its first sample may land just after the connection does
    const sampled = await until('disk use sampled', async () => {
      const { json } = await call(healthRoute.GET, 'GET', '/api/health');
      return typeof json.diskUsage.gtmDir === 'number' && json;
    });
    assert.ok(sampled.diskUsage.gtmDir >= 0 && sampled.diskUsage.gtmDir <= 100);
    // failing jobs are the dashboard's: enabled ones whose last run failed, not a paused one
    await studio().db.query(
      `insert into cron_jobs (name, schedule, command, external_id, enabled, last_status)
       values ('Failing job', '0 8 * * *', 'x', 'failing', true, 'failed'), ('Paused job', '0 8 * * *', 'x', 'paused', false, 'failed')`,
    );
    const { json: withFailures } = await call(healthRoute.GET, 'GET', '/api/health');
    assert.ok(withFailures.cronHealth.failedJobs.includes('Failing job'));
    assert.ok(!withFailures.cronHealth.failedJobs.includes('Paused job'));
    await studio().sim.stop();
    const down = await until('disconnected', async () => {
      const { json } = await call(healthRoute.GET, 'GET', '/api/health');
      return json.gateway === 'disconnected' && json;
    });
    assert.ok(down.gatewayDetail.error);
  });

  test('GET /api/metrics buckets a series between from and to; bad ranges are 400', async () => {
    const { db } = studio();
    const t0 = new Date('2026-01-01T00:00:00Z').getTime();
    await insertMetrics(
      db,
      Array.from({ length: 120 }, (_, i) => ({
        type: 'agents',
        name: 'test.metric',
        value: i,
        at: new Date(t0 + i * 60_000),
      })),
    );
    const { status, json } = await call(
      metricsRoute.GET,
      'GET',
      `/api/metrics?name=test.metric&from=2026-01-01T00:00:00Z&to=2026-01-01T02:00:00Z&bucket=1h`,
    );
    assert.equal(status, 200);
    const points = json.series[0].points;
    assert.equal(points.length, 2);
    assert.deepEqual([points[0].min, points[0].max, points[0].avg], [0, 59, 29.5]);
    for (const qs of [
      'bucket=2m',
      'from=yesterday',
      'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z&bucket=1m',
    ]) {
      const bad = await call(metricsRoute.GET, 'GET', `/api/metrics?${qs}`);
      assert.equal(bad.status, 400, qs);
    }
  });
});
