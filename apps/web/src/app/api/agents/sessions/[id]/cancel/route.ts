import { idParams } from '@agent-studio/core/api';
import { getAgentSession } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseParams, route, type RouteContext } from '@/server/http';
import { queued, runCommand } from '@/server/api/commands';

export const dynamic = 'force-dynamic';

export const POST = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const session = await getAgentSession(await getDb(), id);
  if (!session) throw notFound('Session');
  if (session.status !== 'running') throw new HttpError(409, 'not_running', `The session has already finished (${session.status}).`);
  const cmd = await runCommand('session.abort', { sessionId: id }, 5000);
  if (cmd.status === 'failed') throw new HttpError(409, 'command_failed', cmd.error ?? 'The session could not be cancelled.', undefined, { commandId: cmd.id });
  return Response.json(queued(cmd), { status: 202 });
});
