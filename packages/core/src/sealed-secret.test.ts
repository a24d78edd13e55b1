import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newSealingKeyPair, openSecret, sealSecret, SealedForAnotherKeyError, secretHint } from './sealed-secret';

test('a sealed secret opens with its key pair only, and its text is nowhere in the sealed form', () => {
  const keys = newSealingKeyPair();
  const secret = '123456:AAH-bot-token-Zz9';
  const sealed = sealSecret(keys.publicKey, secret);
  assert.ok(!sealed.includes(secret) && !sealed.includes('bot-token'));
  assert.notEqual(sealSecret(keys.publicKey, secret), sealed, 'each seal uses a fresh ephemeral key');
  assert.equal(openSecret(keys, sealed), secret);
  assert.throws(() => openSecret(newSealingKeyPair(), sealed), SealedForAnotherKeyError);
  const parts = sealed.split('.');
  parts[5] = Buffer.from('tampered').toString('base64url');
  assert.throws(() => openSecret(keys, parts.join('.')));
  assert.equal(secretHint(secret), '…-Zz9');
});
