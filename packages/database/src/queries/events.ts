import type { EventPayload, EventType, StudioEvent } from '@agent-studio/core';
import type { Queryable } from '../db';

// Held by a publishing transaction until it commits: ids then commit in the order they were drawn, so a reader that
// has seen id n never later finds a smaller id appear (the guarantee Last-Event-ID replay rests on). Only readers
// take it, once per read (migration 0042): writers stage their events without it.
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

/**
 * Appends events in the given order with one statement (a batch of changes, one round trip). They are staged: they
 * get their ids when a reader publishes them, after this transaction commits (publishEvents).
 */
export async function appendEvents(tx: Queryable, events: readonly NewEvent[]): Promise<void> {
  if (!events.length) return;
  await tx.query(
    `insert into event_staging (channel, type, payload)
     select e.channel, e.type, e.payload
       from rows from (jsonb_to_recordset($1::jsonb) as (channel text, type text, payload jsonb)) with ordinality as e(channel, type, payload, ord)
      order by e.ord`,
    [JSON.stringify(events)],
  );
}

/**
 * Moves the staged events that committed into the outbox, in the order they were staged, drawing their ids under the
 * outbox lock (held until this statement's transaction commits). Every read of the outbox calls it first, so a
 * reader sees every change that committed before it asked. Cheap when nothing is staged: no lock, no write.
 */
export async function publishEvents(db: Queryable): Promise<void> {
  // nothing staged in this snapshot: whatever was staged before it has been published by a transaction that
  // committed (a publisher still running would leave its rows visible here)
  const [staged] = await db.query<{ any: boolean }>('select exists (select 1 from event_staging) as any');
  if (!staged?.any) return;
  await db.query(
    `with locked as materialized (select pg_advisory_xact_lock($1)),
          moved as (delete from event_staging s using locked returning s.seq, s.channel, s.type, s.payload, s.created_at)
     insert into events (channel, type, payload, created_at)
     select channel, type, payload, created_at from moved order by seq`,
    [OUTBOX_LOCK],
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
  await publishEvents(db);
  const rows = await db.query<EventRow>(
    `select id, channel, type, payload, created_at from events
      where id > $1 and ($2 or channel = any($3::text[]) or channel like any($4::text[]))
      order by id limit $5`,
    [params.afterId, all, exact, prefixes, params.limit ?? 1000],
  );
  return rows.map(toEvent);
}

export async function latestEventId(db: Queryable): Promise<string> {
  await publishEvents(db);
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
  await publishEvents(db);
  const rows = await db.query<EventRow>(
    `select id, channel, type, payload, created_at from events
      where ($1::text[] is null or type = any($1::text[])) order by id desc limit $2`,
    [params.types ?? null, params.limit ?? 20],
  );
  return rows.map(toEvent);
}
