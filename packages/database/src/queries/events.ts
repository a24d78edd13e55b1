import type { EventPayload, EventType, StudioEvent } from '@agent-studio/core';
import type { Queryable } from '../db';

// Held until commit: event ids then commit in the order they were allocated, so a reader that has seen
// id n never later finds a smaller id appear (the guarantee Last-Event-ID replay rests on). Every writer of
// events waits for it, so a transaction's events are inserted last, just before its commit: the lock is held
// through the insert and the commit, not through the rest of the transaction.
const OUTBOX_LOCK = 7_340_001;

interface EventRow {
  id: string;
  channel: string;
  type: string;
  payload: unknown;
  created_at: Date;
}

const toEvent = (r: EventRow): StudioEvent =>
  ({
    id: r.id,
    channel: r.channel,
    type: r.type,
    payload: r.payload,
    createdAt: r.created_at.toISOString(),
  }) as StudioEvent;

/** An event to append: what `appendEvent` takes, as one value. */
export type NewEvent = { [T in EventType]: { channel: string; type: T; payload: EventPayload<T> } }[EventType];

/** Appends one event; call it inside the transaction that makes the change it describes. */
export async function appendEvent<T extends EventType>(
  tx: Queryable,
  channel: string,
  type: T,
  payload: EventPayload<T>,
): Promise<void> {
  await appendEvents(tx, [{ channel, type, payload } as NewEvent]);
}

/** A transaction's events not inserted yet, in their order. */
const pending = new WeakMap<Queryable, NewEvent[]>();

/**
 * Appends events in the given order. In a transaction they are inserted just before its commit, all of its
 * events with one statement (see OUTBOX_LOCK); outside one, at once.
 */
export async function appendEvents(tx: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (!events.length) return;
  if (!tx.beforeCommit) return insertEvents(tx, events);
  const queued = pending.get(tx);
  if (queued) {
    queued.push(...events);
    return;
  }
  // the transaction's first events: the insert of all of them is left for its commit
  const queue = [...events];
  pending.set(tx, queue);
  tx.beforeCommit(() => insertEvents(tx, queue));
}

/** One statement: the outbox lock, then the events in their order (ids are drawn in insertion order). */
async function insertEvents(tx: Queryable, events: readonly NewEvent[]): Promise<void> {
  await tx.query(
    `with locked as materialized (select pg_advisory_xact_lock($1))
     insert into events (channel, type, payload)
     select e.channel, e.type, e.payload
       from locked, rows from (jsonb_to_recordset($2::jsonb) as (channel text, type text, payload jsonb)) with ordinality as e(channel, type, payload, ord)
      order by e.ord`,
    [OUTBOX_LOCK, JSON.stringify(events)],
  );
}

/**
 * Events after `afterId`, oldest first. `channels` are stored channels or `<area>:all` subscriptions;
 * empty means every channel.
 */
export async function listEventsSince(
  db: Queryable,
  params: { afterId: string; channels?: readonly string[]; limit?: number },
): Promise<StudioEvent[]> {
  const exact: string[] = [];
  const prefixes: string[] = [];
  for (const c of params.channels ?? []) {
    if (c.endsWith(':all')) prefixes.push(`${c.slice(0, -3)}%`);
    else exact.push(c);
  }
  const all = !params.channels?.length;
  const rows = await db.query<EventRow>(
    `select id, channel, type, payload, created_at from events
      where id > $1 and ($2 or channel = any($3::text[]) or channel like any($4::text[]))
      order by id limit $5`,
    [params.afterId, all, exact, prefixes, params.limit ?? 1000],
  );
  return rows.map(toEvent);
}

export async function latestEventId(db: Queryable): Promise<string> {
  const [row] = await db.query<{ id: string | null }>('select max(id) as id from events');
  return row?.id ?? '0';
}

/** Removes the events from before `before`; returns how many. */
export async function deleteEventsBefore(db: Queryable, before: Date): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'with gone as (delete from events where created_at < $1 returning 1) select count(*)::int as n from gone',
    [before],
  );
  return row!.n;
}

/** The newest events, newest first (the dashboard's activity feed). */
export async function listRecentEvents(
  db: Queryable,
  params: { types?: readonly string[]; limit?: number } = {},
): Promise<StudioEvent[]> {
  const rows = await db.query<EventRow>(
    `select id, channel, type, payload, created_at from events
      where ($1::text[] is null or type = any($1::text[])) order by id desc limit $2`,
    [params.types ?? null, params.limit ?? 20],
  );
  return rows.map(toEvent);
}
