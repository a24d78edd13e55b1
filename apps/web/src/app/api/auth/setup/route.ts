import { hashPassword, hashToken, newToken } from '@agent-studio/core/secrets';
import { setupBody } from '@agent-studio/core/api';
import { createAuthSession, getOwner, setFirstOwnerPassword } from '@agent-studio/database';
import { clientAddress, SESSION_DAYS, sessionCookie } from '@/server/auth';
import { getDb } from '@/server/db';
import { HttpError, parseBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) => {
  const { token, password } = await parseBody(setupBody, request);
  const db = await getDb();
  if (!(await setFirstOwnerPassword(db, hashToken(token), await hashPassword(password)))) {
    throw new HttpError(
      410,
      'setup_link_expired',
      'This setup link no longer works: it was used already, it has expired (links last 15 minutes), or the owner password is set. Sign in, or run "agent-studio passwd".',
    );
  }
  const owner = await getOwner(db);
  const session = newToken();
  await createAuthSession(db, {
    userId: owner.id,
    tokenHash: hashToken(session),
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    userAgent: request.headers.get('user-agent'),
    address: clientAddress(request.headers),
  });
  return Response.json({ ok: true }, { headers: { 'set-cookie': sessionCookie(session, request) } });
});
