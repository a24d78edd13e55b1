import { idParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { HttpError, parseParams, route, type RouteContext } from '@/server/http';
import { testAlertChannel } from '@/server/actions/alert-channel-test';

export const dynamic = 'force-dynamic';

/** The bridge sends it; 200 once delivered, 409 with the reason when it could not be, 202 while it is trying. */
export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const { command, delivery } = await testAlertChannel(await actorOf(request), id);
  if (command.status === 'failed')
    throw new HttpError(409, 'command_failed', command.error ?? 'The test alert could not be sent.', undefined, {
      commandId: command.id,
    });
  const body = { commandId: command.id, status: command.status, delivery };
  return Response.json(body, { status: command.status === 'succeeded' ? 200 : 202 });
});
