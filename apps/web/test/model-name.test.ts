import assert from 'node:assert/strict';
import { test } from 'node:test';
import { modelName } from '@/lib/format';

test('a model is written by its name on runs and sessions alike, its provider on hover', () => {
  assert.deepEqual(modelName('sim-1', 'simulator'), { name: 'sim-1', ref: 'simulator/sim-1' });
  // a name that already carries its provider is written the same way
  assert.deepEqual(modelName('simulator/sim-1', 'simulator'), { name: 'sim-1', ref: 'simulator/sim-1' });
  assert.deepEqual(modelName('sim-1', null), { name: 'sim-1', ref: undefined });
  assert.deepEqual(modelName(null, 'simulator'), { name: '—' });
});
