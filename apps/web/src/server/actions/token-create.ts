import 'server-only';
import type { Actor } from '@agent-studio/core';
import { createTokenBody } from '@agent-studio/core/api';
import { hashToken, newToken } from '@agent-studio/core/secrets';
import { createApiToken, type ApiTokenRow } from '@agent-studio/database';
import { getDb } from '../db';
import { recorded } from './activity';
import { validate } from './errors';

/** A new API token and its secret (shown once), made by the owner: a token cannot mint a stronger one. */
export async function createToken(owner: Actor, input: unknown): Promise<{ token: ApiTokenRow; secret: string }> {
  const body = validate('body', createTokenBody, input);
  const secret = `ast_${newToken()}`;
  const scopes = [...new Set(body.scopes)];
  const info = { action: 'token.create', target: { kind: 'api_token' as const, id: null, label: body.name } };
  const token = await recorded(owner, { ...info, detail: { scopes } }, async () =>
    createApiToken(await getDb(), {
      name: body.name,
      scopes,
      tokenHash: hashToken(secret),
      createdBy: owner.id,
      expiresAt: body.expiresAt,
    }),
  );
  return { token, secret };
}
