// revokeToken: an active token is revoked once; a second time it is not found.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listApiTokens } from '@agent-studio/database';
import { describeEachDriver } from '@agent-studio/database/testing';
import { createToken } from '@/server/actions/token-create';
import { revokeToken } from '@/server/actions/token-revoke';
import { refusal, useActions } from './setup';

describeEachDriver('token-revoke', (get) => {
  const { studio, owner } = useActions(get);

  test('revokes the token', async () => {
    const { token } = await createToken((await owner()).id!, { name: 'ci', scopes: ['read'] });
    await revokeToken(token.id);
    assert.ok((await listApiTokens(studio().db)).find((t) => t.id === token.id)?.revoked_at);
    await refusal(revokeToken(token.id), 'not_found');
  });
});
