// Counts and messages as the pages write them (lib/format.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asSentence, plural } from '@/lib/format';

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
