import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test-secret';
const body = JSON.stringify({ id: 'd1', type: 'job.failed', data: { jobId: 'j1' } });

test('a fresh signature of the exact body verifies', () => {
  assert.equal(verifyWebhookSignature(secret, signWebhook(secret, body), body, 300), true);
});

test('a tampered body is refused', () => {
  const header = signWebhook(secret, body);
  assert.equal(verifyWebhookSignature(secret, header, body.replace('j1', 'j2'), 300), false);
  assert.equal(verifyWebhookSignature(secret, header, `${body} `, 300), false);
});

test('a signature made with another secret is refused', () => {
  assert.equal(verifyWebhookSignature(secret, signWebhook('whsec_other', body), body, 300), false);
});

test('a stale or future timestamp is refused, even with a valid MAC', () => {
  const now = Math.floor(Date.now() / 1000);
  assert.equal(verifyWebhookSignature(secret, signWebhook(secret, body, now - 301), body, 300), false);
  assert.equal(verifyWebhookSignature(secret, signWebhook(secret, body, now + 301), body, 300), false);
  assert.equal(verifyWebhookSignature(secret, signWebhook(secret, body, now - 200), body, 300), true);
});

test('a replayed signature cannot be moved to a new timestamp', () => {
  const old = signWebhook(secret, body, Math.floor(Date.now() / 1000) - 1000);
  const mac = old.split('v1=')[1];
  assert.equal(verifyWebhookSignature(secret, `t=${Math.floor(Date.now() / 1000)},v1=${mac}`, body, 300), false);
});

test('malformed headers are refused without throwing', () => {
  for (const header of [
    null,
    undefined,
    '',
    'garbage',
    't=abc,v1=00',
    `t=${Math.floor(Date.now() / 1000)}`,
    `t=${Math.floor(Date.now() / 1000)},v1=zz`,
    `t=${Math.floor(Date.now() / 1000)},v1=abcd`,
  ]) {
    assert.equal(verifyWebhookSignature(secret, header, body, 300), false, String(header));
  }
});

test('any one of several v1 values may match (secret rotation)', () => {
  const t = Math.floor(Date.now() / 1000);
  const good = signWebhook(secret, body, t).split('v1=')[1];
  assert.equal(verifyWebhookSignature(secret, `t=${t},v1=${'0'.repeat(64)},v1=${good}`, body, 300), true);
});
