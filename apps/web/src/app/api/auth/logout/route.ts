import { hashToken } from '@agent-studio/core/secrets';
import { logoutBody } from '@agent-studio/core/api';
import { getOwner, revokeAllAuthSessions, revokeAuthSession } from '@agent-studio/database';
import { clearedSessionCookie, sessionTokenOf } from '@/server/auth';
import { getDb } from '@/server/db';
import { parseOptionalBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) => {
  const { everywhere } = await parseOptionalBody(logoutBody, request);
  const db = await getDb();
  const token = sessionTokenOf(request);
  if (everywhere) await revokeAllAuthSessions(db, (await getOwner(db)).id);
  else if (token) await revokeAuthSession(db, hashToken(token));
  return Response.json({ ok: true }, { headers: { 'set-cookie': clearedSessionCookie(request) } });
});
