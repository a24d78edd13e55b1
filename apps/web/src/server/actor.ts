import 'server-only';
import type { Actor } from '@agent-studio/core';
import { authenticate } from './auth';
import { HttpError } from './http';

/** Who is making this change, for its events and revisions: the owner's session or a named API token. */
export async function actorOf(request: Pick<Request, 'headers'>): Promise<Actor> {
  const caller = await authenticate(request.headers);
  // the proxy already refused anonymous requests; this keeps a handler honest when called another way
  if (!caller) throw new HttpError(401, 'unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  return caller.kind === 'session' ? { kind: 'owner', id: caller.userId, name: 'owner' } : { kind: 'token', id: caller.tokenId, name: caller.name };
}
