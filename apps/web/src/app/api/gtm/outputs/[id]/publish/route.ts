import { canTransition } from '@agent-studio/core';
import { idParams, publishBody } from '@agent-studio/core/api';
import { getGtmOutput } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';
import { refused } from '@/server/activity';
import { queued, runCommand } from '@/server/api/commands';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const { url } = await parseBody(publishBody, request);
  const actor = await actorOf(request);
  const output = await getGtmOutput(await getDb(), id);
  if (!output) throw notFound('Content item');
  const target = { kind: 'gtm_output' as const, id, label: output.title };
  if (!canTransition(output.status, 'published')) {
    throw await refused(
      request,
      { action: 'gtm.publish', target, detail: { url } },
      new HttpError(409, 'invalid_transition', `Content cannot be published from ${output.status}; approve it first.`),
    );
  }
  const cmd = await runCommand(request, 'gtm.publish', { outputId: id, url, actor }, { waitMs: 3000, target });
  if (cmd.status === 'failed')
    throw new HttpError(409, 'command_failed', cmd.error ?? 'Publishing failed.', undefined, { commandId: cmd.id });
  return Response.json(queued(cmd), { status: 202 });
});
