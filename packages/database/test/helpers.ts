// Small helpers shared by the query tests: each test reads only the events it caused.
import type { EventPayload, EventType, StudioEvent } from '@agent-studio/core';
import { countInboxByKind, inboxTotal, latestEventId, listEventsSince, type Queryable } from '../src/index';

/** Marks the outbox now; `since()` then returns what was appended after the mark. */
export async function eventMark(db: Queryable): Promise<{ since: (channels?: string[]) => Promise<StudioEvent[]> }> {
  const afterId = await latestEventId(db);
  return { since: (channels) => listEventsSince(db, { afterId, channels }) };
}

export const types = (events: readonly StudioEvent[]) => events.map((e) => e.type);

/** The payloads of the events of one type, typed. */
export const payloadsOf = <T extends EventType>(events: readonly StudioEvent[], type: T) =>
  events.filter((e) => e.type === type).map((e) => e.payload as EventPayload<T>);

/** Everything that waits in the inbox, all kinds together (the navigation's badge). */
export async function countAll(...args: Parameters<typeof countInboxByKind>): Promise<number> {
  return inboxTotal(await countInboxByKind(...args));
}
