import 'server-only';
import type { Actor } from '@agent-studio/core';
import { authenticate, type Caller } from './auth';
import { HttpError } from './http';

/** Who is making this change, for its events and revisions: the owner's session or a named API token. */
export async function actorOf(request: Pick<Request, 'headers'>): Promise<Actor> {
  const caller = await authenticate(request.headers);
  // the proxy already refused anonymous requests; this keeps a handler honest when called another way
  if (!caller)
    throw new HttpError(401, 'unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
  return caller.kind === 'session'
    ? { kind: 'owner', id: caller.userId, name: 'owner' }
    : { kind: 'token', id: caller.tokenId, name: caller.name };
}

/** The owner's own signed-in browser, for what a token must not do: make itself a stronger one, sign the owner out. */
export async function ownerSession(request: Pick<Request, 'headers'>): Promise<Extract<Caller, { kind: 'session' }>> {
  const caller = await authenticate(request.headers);
  if (caller?.kind !== 'session')
    throw new HttpError(
      403,
      'session_required',
      'This is done from the studio itself, signed in as the owner, not with an API token.',
    );
  return caller;
}
