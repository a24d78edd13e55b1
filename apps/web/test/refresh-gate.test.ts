// When a live page refreshes (RefreshGate), against a model of what Next and React do with the refreshes: Next
// runs them one after another, React shows none until the newest has landed. A stressed run's palette e2e
// showed the failure this guards: renders took over 20 s, a refresh was asked again every 20 s, none ever
// showed, and neither did the page a link had gone to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REFRESH_LOST_AFTER_MS, RefreshGate } from '../src/lib/refresh-gate';

/**
 * A page whose server renders take `renderMs`, with something changing every 500 ms for `forMs`: how many
 * renders it showed, and the most refreshes ever waiting at once.
 */
function livePage(renderMs: number, forMs: number) {
  const gate = new RefreshGate();
  let shown = 'render-0';
  let renders = 0;
  const queue: number[] = []; // when each refresh asked was asked; the first is running
  let runningSince = 0;
  let timerAt: number | null = null;
  let mostWaiting = 0;
  let shownCount = 0;
  for (let now = 0; now <= forMs; now += 100) {
    if (queue.length && now - runningSince >= renderMs) {
      queue.shift();
      runningSince = now;
      if (!queue.length) {
        shown = `render-${++renders}`;
        shownCount++;
        if (gate.landed(shown, now)) timerAt ??= now + gate.delay(now);
      }
    }
    if (now % 500 === 0) timerAt ??= now + gate.delay(now);
    if (timerAt !== null && now >= timerAt) {
      timerAt = null;
      if (gate.ask(shown, now)) {
        if (!queue.length) runningSince = now;
        queue.push(now);
      }
    }
    mostWaiting = Math.max(mostWaiting, queue.length);
  }
  return { shownCount, mostWaiting };
}

test('a quick server: about one refresh a second, each shown', () => {
  const { shownCount, mostWaiting } = livePage(300, 60_000);
  assert.ok(shownCount >= 40, `${shownCount} renders shown in a minute`);
  assert.equal(mostWaiting, 1);
});

test('renders slower than the wait for a lost refresh still land, and the refreshes do not pile up', () => {
  for (const renderMs of [25_000, 45_000, 90_000]) {
    const { shownCount, mostWaiting } = livePage(renderMs, 20 * 60_000);
    assert.ok(shownCount >= 5, `renders of ${renderMs / 1000} s: ${shownCount} shown in 20 minutes`);
    assert.ok(mostWaiting <= 3, `renders of ${renderMs / 1000} s: ${mostWaiting} refreshes waiting at once`);
  }
});

test('a refresh that never lands (a navigation to the same address took its place) is asked again', () => {
  const gate = new RefreshGate();
  assert.equal(gate.ask('a', 0), true);
  assert.equal(gate.ask('a', 1000), false, 'one at a time');
  assert.equal(gate.ask('a', REFRESH_LOST_AFTER_MS), true, 'lost: asked again');
  assert.equal(gate.ask('a', 2 * REFRESH_LOST_AFTER_MS), false, 'the next wait is longer');
  assert.equal(gate.ask('a', 3 * REFRESH_LOST_AFTER_MS), true);
});

test('a navigation that landed ends the wait: what changed meanwhile is refreshed at once', () => {
  const gate = new RefreshGate();
  assert.equal(gate.ask('a', 0), true);
  assert.equal(gate.ask('a', 500), false);
  assert.equal(gate.landed(null, 800), true, 'a change is owed');
  assert.equal(gate.delay(800), 1000, 'a second after the landing');
  assert.equal(gate.ask('a', 1800), true);
  assert.equal(gate.landed('a', 1900), false, 'the same render: not landed yet');
  assert.equal(gate.landed('b', 2500), false, 'landed, nothing owed');
});
