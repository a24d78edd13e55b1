import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatValue } from '@/app/(studio)/metrics/_components/units';

test('hour figures under a minute or an hour keep their digits, so close axis ticks stay distinct', () => {
  const ticks = [0, 0.25, 0.5, 0.75, 1, 1.25].map((s) => formatValue(s / 3600, 'hours', true));
  assert.deepEqual(ticks, ['0', '0.25s', '0.5s', '0.75s', '1s', '1.25s']);
  assert.equal(formatValue(90 / 3600, 'hours'), '1.5 min');
  assert.equal(formatValue(30, 'hours'), '30 h');
  assert.equal(formatValue(72, 'hours'), '3 days');
});
