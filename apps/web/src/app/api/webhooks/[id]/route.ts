import { idParams, webhookPatchBody } from '@agent-studio/core/api';
import { deleteWebhook, updateWebhook } from '@agent-studio/database';
import { toWebhook } from '@/server/api/serialize';
import { getDb } from '@/server/db';
import { notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';

export const dynamic = 'force-dynamic';

export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const body = await parseBody(webhookPatchBody, request);
  const webhook = await updateWebhook(await getDb(), id, { ...body, eventTypes: body.eventTypes && [...new Set(body.eventTypes)] });
  if (!webhook) throw notFound('Webhook');
  return Response.json({ webhook: toWebhook(webhook) });
});

export const DELETE = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  if (!(await deleteWebhook(await getDb(), id))) throw notFound('Webhook');
  return Response.json({ ok: true });
});
