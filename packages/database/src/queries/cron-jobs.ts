import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { appendEvent } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

export interface CronJobRow {
  id: string;
  name: string;
  schedule: string;
  timezone: string | null;
  command: string;
  enabled: boolean;
  category: string | null;
  description: string | null;
  last_run_at: Date | null;
  last_status: string | null;
  last_duration_ms: number | null;
  last_error: string | null;
  recent_runs: { id: string; status: string; startedAt: string; durationMs: number | null }[];
  source: string;
  external_id: string | null;
  agent_id: string | null;
  schedule_kind: 'cron' | 'every' | 'at';
  schedule_spec: Record<string, unknown>;
  payload: Record<string, unknown>;
  next_run_at: Date | null;
  consecutive_errors: number;
  removed_at: Date | null;
  /** Why the studio paused it (a budget); cleared when the job is enabled again. */
  paused_reason: string | null;
  gateway_id: string;
  created_at: Date;
  updated_at: Date;
}

/** What an observer knows of a job. Status columns (last_*) are kept by `upsertCronRun`. */
export interface CronJobInput {
  /** The gateway the job is on (a bridge names its own); the default gateway when left out. */
  gatewayId?: string;
  source: string;
  externalId: string;
  name: string;
  schedule: string;
  timezone: string | null;
  command: string;
  enabled: boolean;
  category?: string | null;
  description?: string | null;
  agentId?: string | null;
  scheduleKind: 'cron' | 'every' | 'at';
  scheduleSpec: Record<string, unknown>;
  payload: Record<string, unknown>;
  nextRunAt: Date | null;
  consecutiveErrors?: number;
}

export async function upsertCronJob(
  tx: Queryable,
  input: CronJobInput,
): Promise<{ row: CronJobRow; created: boolean; changed: boolean }> {
  const params = [
    input.source,
    input.externalId,
    input.name,
    input.schedule,
    input.timezone,
    input.command,
    input.enabled,
    input.category ?? null,
    input.description ?? null,
    input.agentId ?? null,
    input.scheduleKind,
    JSON.stringify(input.scheduleSpec),
    JSON.stringify(input.payload),
    input.nextRunAt,
    input.consecutiveErrors ?? 0,
    input.gatewayId ?? DEFAULT_GATEWAY_ID,
  ];
  // `xmax = 0` tells an insert from an update; the `where` makes an identical observation a no-op.
  const [row] = await tx.query<CronJobRow & { inserted: boolean }>(
    `insert into cron_jobs (source, external_id, name, schedule, timezone, command, enabled, category, description,
                            agent_id, schedule_kind, schedule_spec, payload, next_run_at, consecutive_errors, gateway_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
     on conflict (gateway_id, source, external_id) do update set
       name = excluded.name, schedule = excluded.schedule, timezone = excluded.timezone, command = excluded.command,
       enabled = excluded.enabled, category = coalesce(excluded.category, cron_jobs.category),
       description = coalesce(excluded.description, cron_jobs.description), agent_id = excluded.agent_id,
       schedule_kind = excluded.schedule_kind, schedule_spec = excluded.schedule_spec, payload = excluded.payload,
       next_run_at = excluded.next_run_at, consecutive_errors = excluded.consecutive_errors, removed_at = null, updated_at = now(),
       paused_reason = case when excluded.enabled and not cron_jobs.enabled then null else cron_jobs.paused_reason end
     where (cron_jobs.name, cron_jobs.schedule, cron_jobs.timezone, cron_jobs.command, cron_jobs.enabled, cron_jobs.agent_id,
            cron_jobs.schedule_kind, cron_jobs.schedule_spec, cron_jobs.payload, cron_jobs.next_run_at, cron_jobs.consecutive_errors)
           is distinct from
           (excluded.name, excluded.schedule, excluded.timezone, excluded.command, excluded.enabled, excluded.agent_id,
            excluded.schedule_kind, excluded.schedule_spec, excluded.payload, excluded.next_run_at, excluded.consecutive_errors)
        or cron_jobs.removed_at is not null
        or (excluded.category is not null and cron_jobs.category is distinct from excluded.category)
        or (excluded.description is not null and cron_jobs.description is distinct from excluded.description)
     returning *, (xmax = 0) as inserted`,
    params,
  );
  if (!row) {
    const existing = await getCronJobByExternalId(tx, input.source, input.externalId, input.gatewayId);
    return { row: existing!, created: false, changed: false };
  }
  const { inserted, ...job } = row;
  await appendEvent(tx, channelFor.job(job.id), 'cron.job.updated', {
    jobId: job.id,
    name: job.name,
    enabled: job.enabled,
  });
  return { row: job, created: inserted, changed: true };
}

export async function markCronJobRemoved(
  tx: Queryable,
  source: string,
  externalId: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<boolean> {
  const [row] = await tx.query<{ id: string }>(
    `update cron_jobs set removed_at = now(), enabled = false, updated_at = now()
      where gateway_id = $3 and source = $1 and external_id = $2 and removed_at is null returning id`,
    [source, externalId, gatewayId],
  );
  if (row) await appendEvent(tx, channelFor.job(row.id), 'cron.job.removed', { jobId: row.id });
  return Boolean(row);
}

/**
 * The host-cron job a run of `agent-studio exec --job NAME` belongs to: the one read from a crontab, or a new
 * unscheduled one (schedule '') when no crontab the bridge reads names it.
 */
export async function ensureHostCronJob(
  tx: Queryable,
  name: string,
  command: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<CronJobRow> {
  const known = await getCronJobByExternalId(tx, 'host', name, gatewayId);
  if (known) return known;
  const { row } = await upsertCronJob(tx, {
    gatewayId,
    source: 'host',
    externalId: name,
    name,
    schedule: '',
    timezone: null,
    command,
    enabled: true,
    scheduleKind: 'cron',
    scheduleSpec: {},
    payload: { kind: 'command', command },
    nextRunAt: null,
  });
  return row;
}

export async function listCronJobs(
  db: Queryable,
  params: { includeRemoved?: boolean; category?: string; search?: string; source?: string; gatewayId?: string } = {},
): Promise<CronJobRow[]> {
  return db.query<CronJobRow>(
    `select * from cron_jobs
      where ($1 or removed_at is null) and ($2::text is null or category = $2)
        and ($3::text is null or name ilike '%' || $3 || '%' or command ilike '%' || $3 || '%')
        and ($4::text is null or source = $4) and ($5::uuid is null or gateway_id = $5)
      order by (last_status = 'failed') desc nulls last, name, id`,
    [
      params.includeRemoved ?? false,
      params.category ?? null,
      params.search ?? null,
      params.source ?? null,
      params.gatewayId ?? null,
    ],
  );
}

export async function getCronJob(db: Queryable, id: string): Promise<CronJobRow | null> {
  const [row] = await db.query<CronJobRow>('select * from cron_jobs where id = $1', [id]);
  return row ?? null;
}

export async function getCronJobByExternalId(
  db: Queryable,
  source: string,
  externalId: string,
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<CronJobRow | null> {
  const [row] = await db.query<CronJobRow>(
    'select * from cron_jobs where gateway_id = $3 and source = $1 and external_id = $2',
    [source, externalId, gatewayId],
  );
  return row ?? null;
}

/** The jobs of these external ids that exist, by external id. */
export async function getCronJobsByExternalIds(
  db: Queryable,
  source: string,
  externalIds: readonly string[],
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<Map<string, CronJobRow>> {
  const rows = externalIds.length
    ? await db.query<CronJobRow>(
        'select * from cron_jobs where gateway_id = $3 and source = $1 and external_id = any($2::text[])',
        [source, externalIds, gatewayId],
      )
    : [];
  return new Map(rows.map((r) => [r.external_id!, r]));
}

/** Notes why the studio paused a job (shown on its page until it is enabled again). */
export async function setCronJobPausedReason(db: Queryable, id: string, reason: string): Promise<void> {
  await db.query('update cron_jobs set paused_reason = $2, updated_at = now() where id = $1', [id, reason]);
}

export async function listCronCategories(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ category: string }>(
    'select distinct category from cron_jobs where category is not null and removed_at is null order by 1',
  );
  return rows.map((r) => r.category);
}
