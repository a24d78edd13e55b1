// Samples the studio's system metrics once a minute (seed `system_metrics`): gateway up, disk use of the
// workspace and GTM folders, cron success rate, active agents, tokens and cost of the last hour. The studio's
// own samples are every gateway's figures; each gateway's up, agents, usage and success rate are sampled too
// (issue 18, the fleet: the metrics page charts the gateway the switcher names).
import { statfs } from 'node:fs/promises';
import { channelFor } from '@agent-studio/core';
import {
  appendEvent,
  countActiveSessions,
  cronSuccessRate,
  gatewayVitals,
  insertMetrics,
  usageSince,
  type Db,
  type MetricSample,
} from '@agent-studio/database';
import type { Logger } from '../logger';

const EVERY_MS = 60_000;

export interface MetricsSamplerOptions {
  db: Db;
  logger: Logger;
  gatewayUp: () => boolean;
  folders: { workspace?: string; gtm?: string };
}

/** Percent of the file system holding `dir` that is in use (what `df` shows). */
async function diskPercent(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.blocks ? Math.round(((s.blocks - s.bfree) / s.blocks) * 1000) / 10 : null;
  } catch {
    return null;
  }
}

export async function sampleMetrics(opts: MetricsSamplerOptions): Promise<MetricSample[]> {
  const { db, folders } = opts;
  const now = new Date();
  const [rate, active, usage, workspaceDisk, gtmDisk, gateways] = await Promise.all([
    cronSuccessRate(db, { since: new Date(now.getTime() - 86_400_000) }),
    countActiveSessions(db),
    usageSince(db, new Date(now.getTime() - 3_600_000)),
    folders.workspace ? diskPercent(folders.workspace) : null,
    folders.gtm ? diskPercent(folders.gtm) : null,
    gatewayVitals(db, now),
  ]);
  const samples: MetricSample[] = [
    { type: 'gateway', name: 'gateway.up', value: opts.gatewayUp() ? 1 : 0, at: now },
    { type: 'agents', name: 'agents.active', value: active, at: now },
    { type: 'usage', name: 'tokens.last_hour', value: usage.tokens, unit: 'tokens', at: now },
    { type: 'usage', name: 'cost.last_hour', value: usage.costUsd, unit: 'usd', at: now },
  ];
  if (rate.rate != null)
    samples.push({ type: 'cron', name: 'cron.success_rate_24h', value: rate.rate * 100, unit: 'percent', at: now });
  if (workspaceDisk != null)
    samples.push({ type: 'disk', name: 'disk.workspace', value: workspaceDisk, unit: 'percent', at: now });
  if (gtmDisk != null) samples.push({ type: 'disk', name: 'disk.gtm', value: gtmDisk, unit: 'percent', at: now });
  for (const g of gateways) {
    const of = { at: now, gatewayId: g.gateway_id };
    samples.push(
      { ...of, type: 'gateway', name: 'gateway.up', value: g.connected ? 1 : 0 },
      { ...of, type: 'agents', name: 'agents.active', value: g.active_sessions },
      { ...of, type: 'usage', name: 'tokens.last_hour', value: g.tokens_last_hour, unit: 'tokens' },
      { ...of, type: 'usage', name: 'cost.last_hour', value: g.cost_last_hour, unit: 'usd' },
    );
    if (g.runs_24h)
      samples.push({
        ...of,
        type: 'cron',
        name: 'cron.success_rate_24h',
        value: (g.succeeded_24h / g.runs_24h) * 100,
        unit: 'percent',
      });
  }
  await db.transaction(async (tx) => {
    await insertMetrics(tx, samples);
    // without it a quiet studio's dashboard (disk use) and metrics page would show old samples
    await appendEvent(tx, channelFor.system(), 'system.metrics.sampled', {
      at: now.toISOString(),
      metrics: samples.length,
    });
  });
  return samples;
}

export class MetricsSampler {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: MetricsSamplerOptions) {}

  start(): void {
    const tick = () => sampleMetrics(this.opts).catch((err) => this.opts.logger.warn('metrics: sample skipped', err));
    void tick();
    this.timer = setInterval(tick, EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
