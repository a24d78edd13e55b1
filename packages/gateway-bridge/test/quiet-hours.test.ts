// Quiet hours (issue 19) are read in the rule's time zone and may span midnight.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inQuietHours } from '../src/alerts/quiet-hours';

const night = { start: '22:00', end: '07:00', timeZone: 'Europe/Paris' };

test('22:00–07:00 in Paris: quiet late in the evening and early in the morning there, not in the day', () => {
  // December: Paris is UTC+1
  assert.equal(inQuietHours(night, new Date('2026-12-06T21:30:00Z')), true, '22:30 in Paris');
  assert.equal(inQuietHours(night, new Date('2026-12-06T05:59:00Z')), true, '06:59 in Paris');
  assert.equal(inQuietHours(night, new Date('2026-12-06T06:00:00Z')), false, '07:00 in Paris: over');
  assert.equal(inQuietHours(night, new Date('2026-12-06T20:59:00Z')), false, '21:59 in Paris: not yet');
  assert.equal(inQuietHours(night, new Date('2026-12-06T12:00:00Z')), false, 'midday');
  // July: UTC+2, so 21:30 UTC is already 23:30 there
  assert.equal(inQuietHours(night, new Date('2026-07-06T20:30:00Z')), true, '22:30 in Paris in summer');
});

test('a window within one day; none, or an empty one, is never quiet; an unknown zone is read as UTC', () => {
  const lunch = { start: '12:00', end: '13:00' };
  assert.equal(inQuietHours(lunch, new Date('2026-12-06T12:30:00Z')), true);
  assert.equal(inQuietHours(lunch, new Date('2026-12-06T13:00:00Z')), false);
  assert.equal(inQuietHours(null, new Date()), false);
  assert.equal(inQuietHours({ start: '09:00', end: '09:00' }, new Date('2026-12-06T09:00:00Z')), false);
  assert.equal(inQuietHours({ ...lunch, timeZone: 'Nowhere/Atlantis' }, new Date('2026-12-06T12:30:00Z')), true);
});
