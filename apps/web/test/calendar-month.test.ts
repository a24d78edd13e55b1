import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dayKey, monthWeeks, shiftMonth } from '../src/lib/calendar-month';

test('a month in weeks, Monday first, padded to whole weeks', () => {
  // December 2026 starts on a Tuesday and ends on a Thursday
  const weeks = monthWeeks('2026-12');
  assert.equal(weeks.length, 5);
  assert.deepEqual(weeks[0], [
    null,
    '2026-12-01',
    '2026-12-02',
    '2026-12-03',
    '2026-12-04',
    '2026-12-05',
    '2026-12-06',
  ]);
  assert.deepEqual(weeks[4], ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', null, null, null]);
  // February 2027 starts on a Monday: no padding before
  assert.equal(monthWeeks('2027-02')[0]![0], '2027-02-01');
  assert.equal(monthWeeks('2027-02').flat().filter(Boolean).length, 28);
});

test('months move across years; a day is the one of the viewer’s zone', () => {
  assert.equal(shiftMonth('2026-12', 1), '2027-01');
  assert.equal(shiftMonth('2026-01', -1), '2025-12');
  const lateEvening = new Date('2026-12-31T23:30:00Z');
  assert.equal(dayKey(lateEvening, 'UTC'), '2026-12-31');
  assert.equal(dayKey(lateEvening, 'Europe/Berlin'), '2027-01-01');
  assert.equal(dayKey(lateEvening, 'America/New_York'), '2026-12-31');
});
