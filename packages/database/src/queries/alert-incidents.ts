// Alert incidents and their deliveries (issue 19). One open incident per rule groups everything the rule
// finds; each message about it (opened, updated, resolved) is one delivery per channel, at most once
// (unique on incident, channel, kind and revision), retried with backoff by the bridge.
import { channelFor } from '@agent-studio/core';
import type { Db, Queryable } from '../db';
import type { OpenItem } from '../alerts/rule';
import { appendEvent } from './events';
import type { AlertChannelKind } from './alert-channels';

export interface AlertIncidentRow {
  id: string;
  rule_kind: string;
  title: string;
  items: OpenItem[];
  revision: number;
  notified_revision: number;
  last_notified_at: Date | null;
  opened_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  resolved_notified: boolean;
}

export type AlertMessageKind = 'opened' | 'updated' | 'resolved' | 'test';
export type AlertDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface AlertDeliveryRow {
  id: string;
  channel_id: string;
  incident_id: string | null;
  message_kind: AlertMessageKind;
  revision: number;
  title: string;
  body: string;
  status: AlertDeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  response_status: number | null;
  answer: string | null;
  error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** A delivery claimed for sending, with its channel. */
export interface DueAlertDelivery extends AlertDeliveryRow {
  channel_kind: AlertChannelKind;
  channel_name: string;
  config: Record<string, unknown>;
  secret_sealed: string | null;
  allow_private_network: boolean;
  /** The incident's rule, for "never only through the gateway" (null for a test). */
  rule_kind: string | null;
}

export async function getOpenIncident(db: Queryable, ruleKind: string): Promise<AlertIncidentRow | null> {
  const [row] = await db.query<AlertIncidentRow>(
    'select * from alert_incidents where rule_kind = $1 and resolved_at is null',
    [ruleKind],
  );
  return row ?? null;
}

export async function listOpenIncidents(db: Queryable): Promise<AlertIncidentRow[]> {
  return db.query<AlertIncidentRow>('select * from alert_incidents where resolved_at is null order by opened_at');
}

export async function listAlertIncidents(db: Queryable, limit = 50): Promise<AlertIncidentRow[]> {
  return db.query<AlertIncidentRow>(
    'select * from alert_incidents order by (resolved_at is null) desc, opened_at desc limit $1',
    [limit],
  );
}

/** Resolved incidents whose opening was told and whose end was not yet. */
export async function listResolvedToNotify(db: Queryable): Promise<AlertIncidentRow[]> {
  return db.query<AlertIncidentRow>(
    `select * from alert_incidents where resolved_at is not null and notified_revision > 0 and not resolved_notified
      order by resolved_at`,
  );
}

export async function openAlertIncident(
  tx: Queryable,
  ruleKind: string,
  title: string,
  items: OpenItem[],
): Promise<AlertIncidentRow> {
  const [row] = await tx.query<AlertIncidentRow>(
    'insert into alert_incidents (rule_kind, title, items) values ($1, $2, $3) returning *',
    [ruleKind, title, JSON.stringify(items)],
  );
  await appendEvent(tx, channelFor.system(), 'alert.incident.updated', {
    incidentId: row!.id,
    ruleKind,
    state: 'opened',
    title,
  });
  return row!;
}

/** Stores what the rule found now; the revision grows when an item is new to the incident. */
export async function updateAlertIncident(
  tx: Queryable,
  incident: AlertIncidentRow,
  title: string,
  items: OpenItem[],
): Promise<AlertIncidentRow> {
  const known = new Set(incident.items.map((i) => i.key));
  const grew = items.some((i) => !known.has(i.key));
  const [row] = await tx.query<AlertIncidentRow>(
    `update alert_incidents set title = $2, items = $3, revision = revision + $4, updated_at = now()
      where id = $1 returning *`,
    [incident.id, title, JSON.stringify(items), grew ? 1 : 0],
  );
  if (grew)
    await appendEvent(tx, channelFor.system(), 'alert.incident.updated', {
      incidentId: incident.id,
      ruleKind: incident.rule_kind,
      state: 'updated',
      title,
    });
  return row!;
}

export async function resolveAlertIncident(tx: Queryable, incident: AlertIncidentRow): Promise<void> {
  await tx.query('update alert_incidents set resolved_at = now(), updated_at = now() where id = $1', [incident.id]);
  await appendEvent(tx, channelFor.system(), 'alert.incident.updated', {
    incidentId: incident.id,
    ruleKind: incident.rule_kind,
    state: 'resolved',
    title: incident.title,
  });
}

/** Marks a revision (or the end) as told, and queues its message to each channel. Returns how many were queued. */
export async function enqueueIncidentMessage(
  tx: Queryable,
  incident: Pick<AlertIncidentRow, 'id' | 'revision'>,
  channelIds: readonly string[],
  message: { kind: Exclude<AlertMessageKind, 'test'>; title: string; body: string },
): Promise<number> {
  if (message.kind === 'resolved')
    await tx.query('update alert_incidents set resolved_notified = true where id = $1', [incident.id]);
  else
    await tx.query('update alert_incidents set notified_revision = $2, last_notified_at = now() where id = $1', [
      incident.id,
      incident.revision,
    ]);
  if (!channelIds.length) return 0;
  const rows = await tx.query(
    `insert into alert_deliveries (channel_id, incident_id, message_kind, revision, title, body)
     select c.id, $1, $2, $3, $4, $5 from alert_channels c where c.id = any($6::uuid[]) and c.enabled
     on conflict (incident_id, channel_id, message_kind, revision) where incident_id is not null do nothing
     returning 1`,
    [incident.id, message.kind, incident.revision, message.title, message.body, channelIds],
  );
  return rows.length;
}

/** The "Send a test" message: one delivery, not tied to an incident. */
export async function enqueueTestAlert(db: Queryable, channelId: string): Promise<AlertDeliveryRow> {
  const [row] = await db.query<AlertDeliveryRow>(
    `insert into alert_deliveries (channel_id, message_kind, title, body) values ($1, 'test', $2, $3) returning *`,
    [channelId, 'Test alert from Agent Studio', 'This channel works: the studio’s alerts will reach you here.'],
  );
  return row!;
}

export async function getAlertDelivery(db: Queryable, id: string): Promise<AlertDeliveryRow | null> {
  const [row] = await db.query<AlertDeliveryRow>('select * from alert_deliveries where id = $1', [id]);
  return row ?? null;
}

export async function listAlertDeliveries(
  db: Queryable,
  opts: { channelId?: string; limit?: number } = {},
): Promise<AlertDeliveryRow[]> {
  return db.query<AlertDeliveryRow>(
    `select * from alert_deliveries where ($1::uuid is null or channel_id = $1)
      order by created_at desc, id limit $2`,
    [opts.channelId ?? null, opts.limit ?? 50],
  );
}

const DUE_COLUMNS = `d.*, c.kind as channel_kind, c.name as channel_name, c.config, c.secret_sealed,
  c.allow_private_network, (select rule_kind from alert_incidents i where i.id = d.incident_id) as rule_kind`;

/**
 * Claims due deliveries (or the one given): each gets one more attempt and is hidden from other claimers for
 * `leaseMs` (a bridge that dies mid-send leaves it to be tried again once the lease runs out).
 */
export async function claimDueAlertDeliveries(
  db: Db,
  leaseMs: number,
  opts: { limit?: number; id?: string } = {},
): Promise<DueAlertDelivery[]> {
  return db.transaction((tx) =>
    tx.query<DueAlertDelivery>(
      `with due as (
         select id from alert_deliveries
          where status = 'pending' and next_attempt_at <= now() and ($3::uuid is null or id = $3)
          order by next_attempt_at limit $2 for update skip locked)
       update alert_deliveries d
          set attempts = attempts + 1, last_attempt_at = now(),
              next_attempt_at = now() + make_interval(secs => $1::float8 / 1000)
         from due, alert_channels c
        where d.id = due.id and c.id = d.channel_id
       returning ${DUE_COLUMNS}`,
      [leaseMs, opts.limit ?? 10, opts.id ?? null],
    ),
  );
}

export async function msUntilNextAlertDelivery(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ ms: number | null }>(
    `select (extract(epoch from min(next_attempt_at) - now()) * 1000)::float8 as ms from alert_deliveries where status = 'pending'`,
  );
  return row?.ms == null ? null : Math.max(0, row.ms);
}

export type AlertAttemptOutcome =
  | { ok: true; responseStatus: number | null; answer: string | null }
  | { ok: false; responseStatus: number | null; answer: string | null; error: string; retryInMs: number | null };

/** One attempt's outcome: delivered, failed for good, or pending again in `retryInMs`; an event for the log. */
export async function recordAlertAttempt(
  db: Db,
  d: Pick<AlertDeliveryRow, 'id' | 'channel_id' | 'attempts'>,
  outcome: AlertAttemptOutcome,
): Promise<AlertDeliveryStatus> {
  const retryInMs = outcome.ok ? null : outcome.retryInMs;
  const status: AlertDeliveryStatus = outcome.ok ? 'delivered' : retryInMs !== null ? 'pending' : 'failed';
  const error = outcome.ok ? null : outcome.error;
  await db.transaction(async (tx) => {
    await tx.query(
      `update alert_deliveries set status = $2, response_status = $3, answer = $4, error = $5,
              delivered_at = case when $2 = 'delivered' then now() end,
              next_attempt_at = coalesce(now() + make_interval(secs => $6::float8 / 1000), next_attempt_at)
        where id = $1`,
      [d.id, status, outcome.responseStatus, outcome.answer?.slice(0, 500) ?? null, error, retryInMs],
    );
    await appendEvent(tx, channelFor.system(), 'alert.delivery.updated', {
      deliveryId: d.id,
      channelId: d.channel_id,
      status,
      attempts: d.attempts,
      error,
    });
  });
  return status;
}

/** Retention: incidents resolved before `before` (with their deliveries) and test deliveries older than it. */
export async function deleteOldAlerts(db: Queryable, before: Date): Promise<number> {
  const incidents = await db.query('delete from alert_incidents where resolved_at < $1 returning 1', [before]);
  const tests = await db.query(
    'delete from alert_deliveries where incident_id is null and created_at < $1 returning 1',
    [before],
  );
  return incidents.length + tests.length;
}
