import 'server-only';
import type { Actor } from '@agent-studio/core';
import { revokeApiToken } from '@agent-studio/database';
import { getDb } from '../db';
import { recorded } from './activity';
import { notFound } from './errors';

export async function revokeToken(owner: Actor, tokenId: string): Promise<void> {
  await recorded(
    owner,
    { action: 'token.revoke', target: { kind: 'api_token', id: tokenId, label: null } },
    async () => {
      if (!(await revokeApiToken(await getDb(), tokenId))) throw notFound('Active token');
    },
  );
}
