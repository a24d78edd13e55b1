import { attemptBucket } from '@agent-studio/core/client-address';
import { hashToken, newToken, verifyPassword } from '@agent-studio/core/secrets';
import { loginBody } from '@agent-studio/core/api';
import { clearLoginFailures, createAuthSession, getOwner, reserveLoginAttempt } from '@agent-studio/database';
import { clientAddress, SESSION_DAYS, sessionCookie } from '@/server/auth';
import { getDb } from '@/server/db';
import { HttpError, parseBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

export const POST = route(async (request: Request) => {
  const { password } = await parseBody(loginBody, request);
  const db = await getDb();
  const owner = await getOwner(db);
  if (!owner.password_hash)
    throw new HttpError(
      409,
      'not_set_up',
      'The studio has no password yet: open the setup link printed in its console, or run "agent-studio passwd".',
    );
  const address = clientAddress(request.headers);
  const bucket = attemptBucket(address);
  // counted as a failure before the check, and forgiven after it: attempts at once cannot outrun the limit
  if (!(await reserveLoginAttempt(db, bucket, new Date(Date.now() - WINDOW_MS), MAX_FAILURES))) {
    throw new HttpError(
      429,
      'too_many_attempts',
      `Too many failed sign-ins from your address: wait ${WINDOW_MS / 60_000} minutes, or reset the password with "agent-studio passwd".`,
    );
  }
  if (!(await verifyPassword(password, owner.password_hash)))
    throw new HttpError(401, 'wrong_password', 'That password is not right.');
  await clearLoginFailures(db, bucket);
  // a new session token at every sign-in: a token known before sign-in is worth nothing after it
  const token = newToken();
  await createAuthSession(db, {
    userId: owner.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
    userAgent: request.headers.get('user-agent'),
    address,
  });
  return Response.json({ ok: true }, { headers: { 'set-cookie': sessionCookie(token, request) } });
});
