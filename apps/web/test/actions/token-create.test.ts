// createToken: a token whose secret is shown once and stored only as a hash; an expiry in the past is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken } from '@agent-studio/core/secrets';
import { findApiToken } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { createToken } from '@/server/actions/token-create';
import { lastActivity, refusal, useActions } from './setup';

describeEachDriver('token-create', (get) => {
  const { studio, owner } = useActions(get);

  test('mints a token with each scope once, found by the hash of its secret', async () => {
    const actor = await owner();
    const { token, secret } = await createToken(actor, { name: 'ci', scopes: ['read', 'read', 'control'] });
    assert.deepEqual(token.scopes, ['read', 'control']);
    assert.equal((await lastActivity(studio().db, 'token.create'))?.target_label, 'ci');
    assert.equal((await findApiToken(studio().db, hashToken(secret)))?.id, token.id);
    await refusal(
      createToken(actor, { name: 'old', scopes: ['read'], expiresAt: '2001-01-01T00:00:00Z' }),
      'invalid_request',
    );
  });
});
