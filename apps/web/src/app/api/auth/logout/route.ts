import { logoutBody } from '@agent-studio/core/api';
import { revokeAllAuthSessions, revokeAuthSession } from '@agent-studio/database';
import { ownerSession } from '@/server/actor';
import { clearedSessionCookie } from '@/server/auth';
import { getDb } from '@/server/db';
import { parseOptionalBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

/** Only the owner's session signs out: a token that could would lock the owner out of every browser. */
export const POST = route(async (request: Request) => {
  const session = await ownerSession(request);
  const { everywhere } = await parseOptionalBody(logoutBody, request);
  const db = await getDb();
  if (everywhere) await revokeAllAuthSessions(db, session.userId);
  else await revokeAuthSession(db, session.tokenHash);
  return Response.json({ ok: true }, { headers: { 'set-cookie': clearedSessionCookie(request) } });
});
