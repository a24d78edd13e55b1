import { idParams, webhookPatchFor } from '@agent-studio/core/api';
import { deleteWebhook, getWebhook, updateWebhook } from '@agent-studio/database';
import { toWebhook } from '@/server/api/serialize';
import { ownerSession } from '@/server/actor';
import { getDb } from '@/server/db';
import { notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

/** The owner's session only, like creating one: a change can re-point the webhook or allow private addresses. */
export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  await ownerSession(request);
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  const current = await getWebhook(db, id);
  if (!current) throw notFound('Webhook');
  const body = await parseBody(
    webhookPatchFor({ url: current.url, allowPrivateNetwork: current.allow_private_network }),
    request,
  );
  const webhook = await updateWebhook(db, id, {
    ...body,
    eventTypes: body.eventTypes && [...new Set(body.eventTypes)],
  });
  if (!webhook) throw notFound('Webhook');
  return Response.json({ webhook: toWebhook(webhook) });
});

export const DELETE = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  if (!(await deleteWebhook(await getDb(), id))) throw notFound('Webhook');
  return Response.json({ ok: true });
});
