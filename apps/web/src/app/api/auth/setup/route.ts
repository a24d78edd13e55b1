import { hashPassword, hashToken, newToken } from '@agent-studio/core/secrets';
import { setupBody } from '@agent-studio/core/api';
import { consumeSetupToken, createAuthSession, getOwner, setOwnerPassword } from '@agent-studio/database';
import { clientAddress, SESSION_DAYS, sessionCookie } from '@/server/auth';
import { getDb } from '@/server/db';
import { HttpError, parseBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) => {
  const { token, password } = await parseBody(setupBody, request);
  const db = await getDb();
  const passwordHash = await hashPassword(password);
  const owner = await getOwner(db);
  const used = await db.transaction(async (tx) => {
    if (!(await consumeSetupToken(tx, hashToken(token)))) return false;
    await setOwnerPassword(tx, passwordHash);
    return true;
  });
  if (!used) throw new HttpError(410, 'setup_link_expired', 'This setup link was used already or has expired (links last 15 minutes): restart the studio for a new one, or run "agent-studio passwd".');
  const session = newToken();
  await createAuthSession(db, { userId: owner.id, tokenHash: hashToken(session), expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000), userAgent: request.headers.get('user-agent'), address: clientAddress(request.headers) });
  return Response.json({ ok: true }, { headers: { 'set-cookie': sessionCookie(session, request) } });
});
