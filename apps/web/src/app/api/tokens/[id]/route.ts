import { idParams } from '@agent-studio/core/api';
import { revokeApiToken } from '@agent-studio/database';
import { authenticate } from '@/server/auth';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  const caller = await authenticate(request.headers);
  if (caller?.kind !== 'session') throw new HttpError(403, 'session_required', 'Tokens are managed from the studio itself, not with a token.');
  const { id } = parseParams(idParams, await ctx.params);
  if (!(await revokeApiToken(await getDb(), id))) throw notFound('Active token');
  return Response.json({ ok: true });
});
