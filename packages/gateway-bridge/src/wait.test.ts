import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from './wait';

test('waitFor answers as soon as the check does, and null once the time is up', async () => {
  let asks = 0;
  assert.equal(await waitFor(() => (++asks === 3 ? 'found' : null), 5000, 1), 'found');
  assert.equal(asks, 3);
  assert.equal(await waitFor(async () => false, 20, 1), null);
  // an answer of 0 or '' is an answer
  assert.equal(await waitFor(() => 0, 20, 1), 0);
});
