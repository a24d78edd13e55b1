import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CoalescingRunner } from './coalescing-runner';

test('wakes during a pass ask for exactly one more pass; after stop, none', async () => {
  let passes = 0;
  let release: () => void = () => {};
  const runner = new CoalescingRunner(async () => {
    passes++;
    await new Promise<void>((r) => (release = r));
  });
  runner.wake();
  for (let i = 0; i < 5; i++) runner.wake();
  assert.equal(passes, 1, 'one pass at a time');
  release();
  await new Promise((r) => setImmediate(r));
  assert.equal(passes, 2, 'the burst of wakes became one more pass');
  const stopped = runner.stop();
  runner.wake();
  release();
  await stopped;
  assert.equal(passes, 2, 'stop waited for the pass in progress and ignored the wake after it');
  assert.equal(runner.isStopped, true);
});
