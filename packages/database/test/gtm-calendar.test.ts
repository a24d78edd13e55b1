// The publishing calendar's entries: a scheduled item at the time it publishes itself (until it is published),
// a published one at the time it went out; only inside the range asked, oldest first.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { describeEachDriver } from './kit/testing';
import { listGtmCalendar, type Queryable } from '../src/index';

async function item(
  db: Queryable,
  title: string,
  status: string,
  scheduledFor: string | null,
  publishedAt: string | null,
) {
  await db.query(
    `insert into gtm_outputs (title, content_type, status, content_md, source_file_path, scheduled_for, published_at)
     values ($1, 'blog_post', $2, 'text', '/t/' || $1 || '.md', $3, $4)`,
    [title, status, scheduledFor, publishedAt],
  );
}

describeEachDriver('publishing calendar', (get) => {
  beforeEach(() => get().db.query('delete from gtm_outputs'));

  test('scheduled items at their publish time, published ones when they went out, inside the range', async () => {
    const { db } = get();
    await item(db, 'approved-later', 'approved', '2026-12-20T09:00:00Z', null);
    await item(db, 'in-review', 'pending_review', '2026-12-03T08:00:00Z', null);
    // published early: shown when it went out, not at the time it had been scheduled for
    await item(db, 'went-out', 'published', '2026-12-25T10:00:00Z', '2026-12-10T12:00:00Z');
    await item(db, 'next-month', 'approved', '2027-01-02T09:00:00Z', null);
    await item(db, 'last-month', 'published', null, '2026-11-30T23:59:59Z');
    await item(db, 'unscheduled', 'draft', null, null);

    const entries = await listGtmCalendar(db, {
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
    assert.deepEqual(
      entries.map((e) => [e.title, e.kind, e.at.toISOString()]),
      [
        ['in-review', 'scheduled', '2026-12-03T08:00:00.000Z'],
        ['went-out', 'published', '2026-12-10T12:00:00.000Z'],
        ['approved-later', 'scheduled', '2026-12-20T09:00:00.000Z'],
      ],
    );
  });
});
