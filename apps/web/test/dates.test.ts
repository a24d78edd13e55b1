import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedLanguages, clockIn, dateCookieValue, formatDate, parseDateCookie, studioLocale } from '@/lib/dates';

const at = new Date('2026-12-04T08:05:07Z');

test('a date reads the same day in every English region: the month is named, never 04/12/2026', () => {
  const us = { locale: 'en-US', timeZone: 'Europe/Berlin' };
  const gb = { locale: 'en-GB', timeZone: 'Europe/Berlin' };
  assert.equal(formatDate(at, 'datetime', us), 'Dec 4, 2026, 9:05 AM');
  assert.equal(formatDate(at, 'datetime', gb), '4 Dec 2026, 09:05');
  assert.equal(formatDate(at, 'date', gb), '4 Dec 2026');
  assert.equal(formatDate(at, 'exact', gb), 'Fri, 4 Dec 2026, 09:05:07 CET');
  for (const style of ['datetime', 'date', 'day', 'dayhour', 'daytime', 'time', 'clock', 'exact'] as const) {
    for (const fmt of [us, gb, { locale: 'en-IN', timeZone: 'Asia/Kolkata' }])
      assert.doesNotMatch(formatDate(at, style, fmt), /\d+\/\d+/, `${style} ${fmt.locale}`);
  }
});

test("the viewer's zone decides the day; a job's own zone is named after the time", () => {
  const late = new Date('2026-12-04T23:30:00Z');
  assert.equal(formatDate(late, 'date', { locale: 'en-GB', timeZone: 'UTC' }), '4 Dec 2026');
  assert.equal(formatDate(late, 'date', { locale: 'en-GB', timeZone: 'Asia/Tokyo' }), '5 Dec 2026');
  assert.equal(
    formatDate(late, 'time', { locale: 'en-GB', timeZone: 'UTC' }, { timeZone: 'America/New_York', zone: true }),
    '18:30 GMT-5',
  );
  assert.deepEqual(clockIn(late, 'Asia/Tokyo'), { hour: 8, minute: 30 });
  assert.deepEqual(clockIn(late, 'Asia/Kolkata'), { hour: 5, minute: 0 });
  assert.deepEqual(clockIn(new Date('2026-12-04T00:00:00Z'), 'UTC'), { hour: 0, minute: 0 });
});

test("a browser's languages give English words in its region's order", () => {
  assert.equal(studioLocale(['en-US', 'en']), 'en-US');
  assert.equal(studioLocale(['de-DE', 'de']), 'en-DE');
  assert.equal(studioLocale(['de']), 'en-DE');
  assert.equal(studioLocale(['not a tag!', 'en-GB']), 'en-GB');
  assert.equal(studioLocale([]), 'en-GB');
  assert.equal(formatDate(at, 'datetime', { locale: studioLocale(['de-DE']), timeZone: 'UTC' }), '4 Dec 2026, 08:05');
  assert.deepEqual(acceptedLanguages('en-GB;q=0.8, fr-CH, *;q=0.1'), ['fr-CH', 'en-GB']);
});

test('the cookie round-trips, and anything else in it is refused', () => {
  const fmt = { locale: 'en-US', timeZone: 'America/Los_Angeles' };
  assert.deepEqual(parseDateCookie(dateCookieValue(fmt)), fmt);
  for (const bad of [
    undefined,
    '',
    'en-US',
    'en-US|Mars/Olympus',
    '%E0%A4%A|UTC',
    `en-US|${'A'.repeat(300)}`,
    'x y|UTC',
  ])
    assert.equal(parseDateCookie(bad), null, String(bad));
});
