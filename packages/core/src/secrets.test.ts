import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, hashToken, newToken, passwordProblem, verifyPassword } from './secrets';

test('a password hash verifies the password and nothing else, and never contains it', async () => {
  const hash = await hashPassword('correct horse battery');
  assert.ok(!hash.includes('correct horse'));
  assert.equal(await verifyPassword('correct horse battery', hash), true);
  assert.equal(await verifyPassword('correct horse batterY', hash), false);
  assert.notEqual(await hashPassword('correct horse battery'), hash, 'salted');
  assert.equal(await verifyPassword('x', 'plain-text'), false);
});

test('tokens are random and stored as their sha256', () => {
  const a = newToken();
  assert.notEqual(a, newToken());
  assert.ok(a.length >= 43);
  assert.match(hashToken(a), /^[0-9a-f]{64}$/);
});

test('short passwords are refused with a reason', () => {
  assert.match(passwordProblem('short') ?? '', /10 characters/);
  assert.equal(passwordProblem('long enough password'), null);
});
