import { idParams } from '@agent-studio/core/api';
import { ownerSession } from '@/server/actor';
import { toAlertChannel } from '@/server/api/alerts';
import { parseParams, readBody, route, type RouteContext } from '@/server/http';
import { changeAlertChannel } from '@/server/actions/alert-channel-update';
import { removeAlertChannel } from '@/server/actions/alert-channel-delete';

export const dynamic = 'force-dynamic';

export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  await ownerSession(request);
  const { id } = parseParams(idParams, await ctx.params);
  const channel = await changeAlertChannel(id, await readBody(request));
  return Response.json({ channel: toAlertChannel(channel) });
});

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  await ownerSession(request);
  const { id } = parseParams(idParams, await ctx.params);
  await removeAlertChannel(id);
  return Response.json({ ok: true });
});
