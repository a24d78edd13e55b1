import 'server-only';
import { createTokenBody } from '@agent-studio/core/api';
import { hashToken, newToken } from '@agent-studio/core/secrets';
import { createApiToken, type ApiTokenRow } from '@agent-studio/database';
import { getDb } from '../db';
import { validate } from './errors';

/** A new API token and its secret (shown once), made by the owner `ownerId`: a token cannot mint a stronger one. */
export async function createToken(ownerId: string, input: unknown): Promise<{ token: ApiTokenRow; secret: string }> {
  const body = validate('body', createTokenBody, input);
  const secret = `ast_${newToken()}`;
  const token = await createApiToken(await getDb(), {
    name: body.name,
    scopes: [...new Set(body.scopes)],
    tokenHash: hashToken(secret),
    createdBy: ownerId,
    expiresAt: body.expiresAt,
  });
  return { token, secret };
}
