import { channelFor, type StudioEvent } from '@agent-studio/core';
import { webhookEventFor, type WebhookEventType } from '@agent-studio/core/webhook-events';
import type { Db, Queryable } from '../db';
import { appendEvent } from './events';
import { webhookPayloadFor, type WebhookPayloadOptions } from './webhook-payloads';

export interface WebhookRow {
  id: string;
  name: string;
  url: string;
  event_types: WebhookEventType[];
  enabled: boolean;
  /** May it send to loopback, private-network and link-local addresses (the owner's explicit leave). */
  allow_private_network: boolean;
  created_at: Date;
  updated_at: Date;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string | null;
  event_type: string;
  payload: unknown;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_attempt_at: Date | null;
  response_status: number | null;
  error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

/** A delivery claimed for sending, with what is needed to send it. */
export interface DueDelivery extends WebhookDeliveryRow {
  url: string;
  secret: string;
  allow_private_network: boolean;
}

// The secret never leaves the database except to sign (claimDueDeliveries) and once, at creation.
const COLUMNS = 'id, name, url, event_types, enabled, allow_private_network, created_at, updated_at';

export async function createWebhook(
  db: Db,
  w: { name: string; url: string; secret: string; eventTypes: WebhookEventType[]; allowPrivateNetwork?: boolean },
): Promise<WebhookRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<WebhookRow>(
      `insert into webhooks (name, url, secret, event_types, allow_private_network) values ($1, $2, $3, $4, $5) returning ${COLUMNS}`,
      [w.name, w.url, w.secret, w.eventTypes, w.allowPrivateNetwork ?? false],
    );
    await appendEvent(tx, channelFor.system(), 'webhook.changed', { webhookId: row!.id, change: 'created' });
    return row!;
  });
}

export async function listWebhooks(db: Queryable): Promise<WebhookRow[]> {
  return db.query<WebhookRow>(`select ${COLUMNS} from webhooks order by created_at desc`);
}

export async function getWebhook(db: Queryable, id: string): Promise<WebhookRow | null> {
  const [row] = await db.query<WebhookRow>(`select ${COLUMNS} from webhooks where id = $1`, [id]);
  return row ?? null;
}

export async function updateWebhook(
  db: Db,
  id: string,
  patch: {
    name?: string;
    url?: string;
    eventTypes?: WebhookEventType[];
    enabled?: boolean;
    allowPrivateNetwork?: boolean;
  },
): Promise<WebhookRow | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<WebhookRow>(
      `update webhooks set name = coalesce($2, name), url = coalesce($3, url), event_types = coalesce($4, event_types),
              enabled = coalesce($5, enabled), allow_private_network = coalesce($6, allow_private_network), updated_at = now()
        where id = $1 returning ${COLUMNS}`,
      [
        id,
        patch.name ?? null,
        patch.url ?? null,
        patch.eventTypes ?? null,
        patch.enabled ?? null,
        patch.allowPrivateNetwork ?? null,
      ],
    );
    if (row) await appendEvent(tx, channelFor.system(), 'webhook.changed', { webhookId: id, change: 'updated' });
    return row ?? null;
  });
}

/** Deletes a webhook and its delivery log. */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query('delete from webhooks where id = $1 returning 1', [id]);
    if (rows.length)
      await appendEvent(tx, channelFor.system(), 'webhook.changed', { webhookId: id, change: 'deleted' });
    return rows.length === 1;
  });
}

export async function listWebhookDeliveries(
  db: Queryable,
  webhookId: string,
  limit = 50,
): Promise<WebhookDeliveryRow[]> {
  return db.query<WebhookDeliveryRow>(
    'select * from webhook_deliveries where webhook_id = $1 order by created_at desc, id limit $2',
    [webhookId, limit],
  );
}

/** Queues a delivery that is not tied to an event (the "Send test" button). */
export async function enqueueWebhookDelivery(
  db: Db,
  webhookId: string,
  eventType: string,
  payload: unknown,
): Promise<WebhookDeliveryRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx.query<WebhookDeliveryRow>(
      'insert into webhook_deliveries (webhook_id, event_type, payload) values ($1, $2, $3) returning *',
      [webhookId, eventType, JSON.stringify(payload)],
    );
    await appendEvent(tx, channelFor.system(), 'webhook.delivery.updated', {
      deliveryId: row!.id,
      webhookId,
      status: 'pending',
      attempts: 0,
      error: null,
    });
    return row!;
  });
}

/**
 * Queues one delivery per enabled webhook subscribed to each event's webhook type, with the body it will send
 * (webhookPayloadFor: built now, so every retry sends the same). A webhook only receives events from after it
 * was created; an event already queued for a webhook is skipped (so replaying a batch is harmless). Returns how
 * many deliveries were queued.
 */
export async function enqueueDeliveriesFor(
  tx: Queryable,
  events: readonly StudioEvent[],
  opts: WebhookPayloadOptions = {},
): Promise<number> {
  const subscribed = await subscribedTypes(tx);
  let queued = 0;
  for (const event of events) {
    const type = webhookEventFor(event);
    if (!type || !subscribed.has(type) || (type === 'agent.errored' && (await wasErrored(tx, event)))) continue;
    const payload = await webhookPayloadFor(tx, type, event, opts);
    if (payload === null) continue;
    const rows = await tx.query(
      `insert into webhook_deliveries (webhook_id, event_id, event_type, payload)
       select w.id, e.id, $2, $3 from webhooks w, events e
        where e.id = $1 and w.enabled and $2 = any(w.event_types) and w.created_at <= e.created_at
       on conflict (webhook_id, event_id) do nothing returning 1`,
      [event.id, type, JSON.stringify(payload)],
    );
    queued += rows.length;
  }
  return queued;
}

/** The event types some enabled webhook wants: no body is built for the others. */
async function subscribedTypes(tx: Queryable): Promise<Set<string>> {
  const rows = await tx.query<{ type: string }>(
    'select distinct unnest(event_types) as type from webhooks where enabled',
  );
  return new Set(rows.map((r) => r.type));
}

/** A session reports its status on every change: it "errored" only when the previous report was not an error. */
async function wasErrored(tx: Queryable, event: StudioEvent): Promise<boolean> {
  const [previous] = await tx.query<{ status: string | null }>(
    `select payload->>'status' as status from events where channel = $1 and type = 'agent.session.updated' and id < $2 order by id desc limit 1`,
    [event.channel, event.id],
  );
  return previous?.status === 'error';
}

/**
 * Claims up to `limit` due deliveries: each gets one more attempt and is hidden from other claimers for
 * `leaseMs` (if this bridge dies mid-send, another attempt follows once the lease runs out).
 */
export async function claimDueDeliveries(db: Db, leaseMs: number, limit = 10): Promise<DueDelivery[]> {
  return db.transaction((tx) =>
    tx.query<DueDelivery>(
      `with due as (
         select id from webhook_deliveries where status = 'pending' and next_attempt_at <= now()
          order by next_attempt_at limit $2 for update skip locked)
       update webhook_deliveries d
          set attempts = attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => $1::float8 / 1000)
         from due, webhooks w
        where d.id = due.id and w.id = d.webhook_id
       returning d.*, w.url, w.secret, w.allow_private_network`,
      [leaseMs, limit],
    ),
  );
}

/** How long until the next pending delivery falls due (by the database's clock), or null when none waits. */
export async function msUntilNextDelivery(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ ms: number | null }>(
    `select (extract(epoch from min(next_attempt_at) - now()) * 1000)::float8 as ms from webhook_deliveries where status = 'pending'`,
  );
  // in SQL, greatest(0, null) is 0: with nothing pending that made the worker poll in a tight loop
  return row?.ms == null ? null : Math.max(0, row.ms);
}

/**
 * Records one attempt's outcome: delivered, failed for good, or pending again in `retryInMs` (when there is
 * an attempt left; timed by the database's clock, which every bridge shares). The change is an event, so the
 * delivery log updates live.
 */
export async function recordDeliveryAttempt(
  db: Db,
  d: Pick<WebhookDeliveryRow, 'id' | 'webhook_id' | 'attempts'>,
  outcome:
    | { ok: true; responseStatus: number }
    | { ok: false; responseStatus: number | null; error: string; retryInMs: number | null },
): Promise<void> {
  const retryInMs = outcome.ok ? null : outcome.retryInMs;
  const status: DeliveryStatus = outcome.ok ? 'delivered' : retryInMs !== null ? 'pending' : 'failed';
  const error = outcome.ok ? null : outcome.error;
  await db.transaction(async (tx) => {
    await tx.query(
      `update webhook_deliveries set status = $2, response_status = $3, error = $4,
              delivered_at = case when $2 = 'delivered' then now() end,
              next_attempt_at = coalesce(now() + make_interval(secs => $5::float8 / 1000), next_attempt_at)
        where id = $1`,
      [d.id, status, outcome.responseStatus, error, retryInMs],
    );
    await appendEvent(tx, channelFor.system(), 'webhook.delivery.updated', {
      deliveryId: d.id,
      webhookId: d.webhook_id,
      status,
      attempts: d.attempts,
      error,
    });
  });
}
