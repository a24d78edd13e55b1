// revokeToken: an active token is revoked once; a second time it is not found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listApiTokens } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { createToken } from '@/server/actions/token-create';
import { revokeToken } from '@/server/actions/token-revoke';
import { lastActivity, refusal, useActions } from './setup';

describeEachDriver('token-revoke', (get) => {
  const { studio, owner } = useActions(get);

  test('revokes the token', async () => {
    const { token } = await createToken(await owner(), { name: 'ci', scopes: ['read'] });
    await revokeToken(await owner(), token.id);
    assert.ok((await listApiTokens(studio().db)).find((t) => t.id === token.id)?.revoked_at);
    await refusal(revokeToken(await owner(), token.id), 'not_found');
    assert.equal((await lastActivity(studio().db, 'token.revoke'))?.outcome, 'failed');
  });
});
