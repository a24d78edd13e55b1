import { createTokenBody } from '@agent-studio/core/api';
import { hashToken, newToken } from '@agent-studio/core/secrets';
import { createApiToken, listApiTokens } from '@agent-studio/database';
import { toApiToken } from '@/server/api/serialize';
import { ownerSession } from '@/server/actor';
import { getDb } from '@/server/db';
import { parseBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async () => Response.json({ tokens: (await listApiTokens(await getDb())).map(toApiToken) }));

/** Only the owner's own session may mint tokens: a token cannot make itself a stronger one. */
export const POST = route(async (request: Request) => {
  const caller = await ownerSession(request);
  const body = await parseBody(createTokenBody, request);
  const secret = `ast_${newToken()}`;
  const token = await createApiToken(await getDb(), {
    name: body.name,
    scopes: [...new Set(body.scopes)],
    tokenHash: hashToken(secret),
    createdBy: caller.userId,
    expiresAt: body.expiresAt,
  });
  return Response.json({ token: toApiToken(token), secret }, { status: 201 });
});
