// Counts, costs, times and messages as the pages write them (lib/format.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSentence, plural, relativeTime, usd } from '@/lib/format';

test('a count with its noun: one or many, thousands separated', () => {
  assert.equal(plural(1, 'failure', 'failures'), '1 failure');
  assert.equal(plural(0, 'failure', 'failures'), '0 failures');
  assert.equal(plural(1204, 'failure', 'failures'), '1,204 failures');
});

test('a message as a sentence: a full stop only where it has none', () => {
  // OpenClaw's own words (the channels.status lastError of a logged-out WhatsApp) end without one
  assert.equal(
    asSentence('WhatsApp Web logged out: link the device again'),
    'WhatsApp Web logged out: link the device again.',
  );
  assert.equal(asSentence('Bot token revoked.'), 'Bot token revoked.');
  assert.equal(asSentence('Is the device linked? '), 'Is the device linked?');
});

test('a cost: cents to a tenth, a cost under that with two digits of its own, never a bare $0.000', () => {
  assert.equal(usd(12.4), '$12.40');
  assert.equal(usd(0.042), '$0.042');
  assert.equal(usd(0), '$0.000');
  // the lab's mock model: 42 input and 7 output tokens cost $0.000056 (gateway-bridge test/mirror/frames.ts)
  assert.equal(usd(0.000056), '$0.000056');
  assert.equal(usd(null), '—');
});

test('a time a moment away: "just now", not "now"', () => {
  const now = Date.parse('2026-12-07T12:00:00Z');
  assert.equal(relativeTime(new Date(now - 300), now), 'just now');
  assert.equal(relativeTime(new Date(now + 300), now), 'in a moment');
  assert.equal(relativeTime(new Date(now - 5000), now), '5 seconds ago');
  assert.equal(relativeTime(new Date(now - 3 * 86_400_000), now), '3 days ago');
});
