import { listApiTokens } from '@agent-studio/database';
import { toApiToken } from '@/server/api/serialize';
import { actorOf, ownerSession } from '@/server/actor';
import { getDb } from '@/server/db';
import { readBody, route } from '@/server/http';
import { createToken } from '@/server/actions/token-create';

export const dynamic = 'force-dynamic';

export const GET = route(async () => Response.json({ tokens: (await listApiTokens(await getDb())).map(toApiToken) }));

/** Only the owner's own session may mint tokens: a token cannot make itself a stronger one. */
export const POST = route(async (request: Request) => {
  await ownerSession(request);
  const { token, secret } = await createToken(await actorOf(request), await readBody(request));
  return Response.json({ token: toApiToken(token), secret }, { status: 201 });
});
