// The week of start times agrees with croner (the cron library OpenClaw itself uses) minute for minute,
// across time zones, a DST change, names, steps, lists and the day-of-month/day-of-week OR.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Cron } from 'croner';
import { parseCron, weekOfStarts } from './cron-week';

function croner(expr: string, timezone: string, from: Date): number[] {
  const cron = new Cron(expr, { timezone });
  const out: number[] = [];
  for (
    let d = cron.nextRun(new Date(from.getTime() - 1));
    d && d.getTime() < from.getTime() + 7 * 86_400_000;
    d = cron.nextRun(d)
  )
    out.push(d.getTime());
  return out;
}

const EXPRS = [
  '*/30 * * * *',
  '7-59/15 * * * *',
  '0 7 * * *',
  '0 9 * * 1-5',
  '30 2 * * *',
  '0 6 * * MON',
  '15 10,14 1,15 * *',
  '0 12 13 * 5',
  '5 */3 * * SAT-SUN',
  '0 0 * JAN,NOV *',
];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'];

test('same starts as croner for a week, in four time zones', () => {
  const from = new Date('2026-11-10T08:17:00Z');
  for (const expr of EXPRS)
    for (const tz of ZONES) assert.deepEqual(weekOfStarts(expr, tz, from), croner(expr, tz, from), `${expr} in ${tz}`);
});

test('same starts as croner across the end of summer time (Europe/Berlin, 25 October 2026)', () => {
  const from = new Date('2026-10-22T00:00:00Z');
  for (const expr of ['0 7 * * *', '*/30 * * * *', '0 9 * * 1-5'])
    assert.deepEqual(weekOfStarts(expr, 'Europe/Berlin', from), croner(expr, 'Europe/Berlin', from), expr);
});

test('expressions it cannot read throw', () => {
  for (const bad of ['* * * *', '61 * * * *', '*/0 * * * *', 'a b c d e']) assert.throws(() => parseCron(bad), bad);
});
