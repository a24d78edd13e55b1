import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveRange } from './range';

const now = new Date('2026-06-15T12:00:00Z');

test('presets end now and pick finer buckets for shorter ranges', () => {
  const day = resolveRange({ range: '24h' }, now);
  assert.deepEqual(
    [day.from.toISOString(), day.to, day.bucket, day.sampleSeconds],
    ['2026-06-14T12:00:00.000Z', now, 'hour', 900],
  );
  assert.deepEqual(
    [resolveRange({ range: '7d' }, now).bucket, resolveRange({ range: '7d' }, now).sampleSeconds],
    ['hour', 3600],
  );
  assert.deepEqual(
    [resolveRange({ range: '30d' }, now).bucket, resolveRange({ range: '30d' }, now).sampleSeconds],
    ['day', 21_600],
  );
});

test('custom dates are whole days, the last one included, in either order; a year reads daily rollups', () => {
  const r = resolveRange({ range: 'custom', from: '2026-03-10', to: '2026-03-01' }, now);
  assert.equal(r.key, 'custom');
  assert.equal(r.to.getTime() - r.from.getTime(), 10 * 86_400_000);
  assert.equal(r.from.getTime(), new Date('2026-03-01T00:00:00').getTime());
  assert.equal(resolveRange({ range: 'custom', from: '2025-06-01', to: '2026-05-31' }, now).sampleSeconds, 86_400);
});

test('a malformed or incomplete URL falls back to the last 7 days', () => {
  for (const params of [
    { range: 'year' },
    { range: 'custom', from: '2026-13-45', to: '2026-03-01' },
    { range: 'custom' },
    {},
  ]) {
    const r = resolveRange(params as never, now);
    assert.equal(r.key, '7d', JSON.stringify(params));
    assert.equal(now.getTime() - r.from.getTime(), 7 * 86_400_000);
  }
});
