import { idParams } from '@agent-studio/core/api';
import { getAgentSession } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseParams, route, type RouteContext } from '@/server/http';
import { refused } from '@/server/activity';
import { queued, runCommand } from '@/server/api/commands';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const session = await getAgentSession(await getDb(), id);
  if (!session) throw notFound('Session');
  const target = { kind: 'agent_session' as const, id, label: session.agent_name };
  if (session.status !== 'running') {
    throw await refused(
      request,
      { action: 'session.abort', target },
      new HttpError(
        409,
        'not_running',
        `The session has already finished (${session.status}); there was nothing to stop.`,
      ),
    );
  }
  const cmd = await runCommand(request, 'session.abort', { sessionId: id }, { waitMs: 5000, target });
  if (cmd.status === 'failed')
    throw new HttpError(409, 'command_failed', cmd.error ?? 'The session could not be cancelled.', undefined, {
      commandId: cmd.id,
    });
  return Response.json(queued(cmd), { status: 202 });
});
