import type { EventPayload, EventType, StudioEvent } from '@agent-studio/core';
import type { Queryable } from '../db';

// Held until commit: event ids then commit in the order they were allocated, so a reader that has seen
// id n never later finds a smaller id appear (the guarantee Last-Event-ID replay rests on).
const OUTBOX_LOCK = 7_340_001;

interface EventRow {
  id: string;
  channel: string;
  type: string;
  payload: unknown;
  created_at: Date;
}

const toEvent = (r: EventRow): StudioEvent =>
  ({ id: r.id, channel: r.channel, type: r.type, payload: r.payload, createdAt: r.created_at.toISOString() }) as StudioEvent;

/** Appends one event; call it inside the transaction that makes the change it describes. */
export async function appendEvent<T extends EventType>(
  tx: Queryable,
  channel: string,
  type: T,
  payload: EventPayload<T>,
): Promise<string> {
  await tx.query('select pg_advisory_xact_lock($1)', [OUTBOX_LOCK]);
  const [row] = await tx.query<{ id: string }>(
    'insert into events (channel, type, payload) values ($1, $2, $3) returning id',
    [channel, type, JSON.stringify(payload)],
  );
  return row!.id;
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

export async function deleteEventsBefore(db: Queryable, before: Date): Promise<number> {
  const rows = await db.query('delete from events where created_at < $1 returning id', [before]);
  return rows.length;
}

/** The newest events, newest first (the dashboard's activity feed). */
export async function listRecentEvents(db: Queryable, params: { types?: readonly string[]; limit?: number } = {}): Promise<StudioEvent[]> {
  const rows = await db.query<EventRow>(
    `select id, channel, type, payload, created_at from events
      where ($1::text[] is null or type = any($1::text[])) order by id desc limit $2`,
    [params.types ?? null, params.limit ?? 20],
  );
  return rows.map(toEvent);
}
