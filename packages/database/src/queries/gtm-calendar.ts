import type { GtmStatus } from '@agent-studio/core';
import type { Queryable } from '../db';

/** One entry of the publishing calendar: an item that publishes itself at `at`, or was published then. */
export interface GtmCalendarEntry {
  id: string;
  title: string;
  content_type: string;
  status: GtmStatus;
  at: Date;
  kind: 'scheduled' | 'published';
}

/** The most a calendar page shows (a month of a busy install); past it the page says so. */
export const CALENDAR_LIMIT = 1000;

/**
 * What publishes, or was published, in [from, to): scheduled items not yet published at their time, and
 * published items at the time they went out. Oldest first; at most CALENDAR_LIMIT + 1 rows (to tell more).
 * One gateway's items when `gatewayId` is given.
 */
export async function listGtmCalendar(
  db: Queryable,
  range: { from: Date; to: Date; gatewayId?: string },
): Promise<GtmCalendarEntry[]> {
  return db.query<GtmCalendarEntry>(
    `select id, title, content_type, status, at, kind from (
       select id, title, content_type, status, scheduled_for as at, 'scheduled' as kind from gtm_outputs
         where scheduled_for >= $1 and scheduled_for < $2 and status <> 'published' and ($4::uuid is null or gateway_id = $4)
       union all
       select id, title, content_type, status, published_at as at, 'published' as kind from gtm_outputs
         where published_at >= $1 and published_at < $2 and status = 'published' and ($4::uuid is null or gateway_id = $4)
     ) entries
     order by at, id
     limit $3`,
    [range.from, range.to, CALENDAR_LIMIT + 1, range.gatewayId ?? null],
  );
}
