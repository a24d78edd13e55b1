import { renderMarkdown } from '@agent-studio/core/markdown';
import { gtmPatchBody, idParams } from '@agent-studio/core/api';
import { getGtmOutput, updateGtmOutput } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';
import { contentErrors } from '@/server/api/content-errors';
import { withActivity } from '@/server/activity';
import { toGtmDetail } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const output = await getGtmOutput(await getDb(), id);
  if (!output) throw notFound('Content item');
  return Response.json({ output: toGtmDetail(output) });
});

/** The studio's own workflow data: changed here directly (OpenClaw has no part in it), and recorded as activity. */
export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const body = await parseBody(gtmPatchBody, request);
  const actor = await actorOf(request);
  const db = await getDb();
  const before = await getGtmOutput(db, id);
  if (!before) throw notFound('Content item');
  const action = body.status !== undefined ? 'gtm.status' : body.content_md !== undefined ? 'gtm.edit' : 'gtm.schedule';
  const detail = {
    ...(body.status !== undefined ? { from: before.status, to: body.status } : {}),
    ...(body.scheduledFor !== undefined ? { scheduledFor: body.scheduledFor } : {}),
    ...(body.priority !== undefined ? { priority: body.priority } : {}),
  };
  const row = await withActivity(
    request,
    { action, target: { kind: 'gtm_output', id, label: before.title }, detail },
    (tx) =>
      contentErrors(tx, id, () =>
        updateGtmOutput(tx, id, {
          status: body.status,
          scheduledFor: body.scheduledFor,
          scheduledUrl: body.scheduledUrl,
          priority: body.priority,
          expectedRevision: body.baseRevision,
          resolveDisk: body.resolveDisk,
          actor,
          ...(body.content_md !== undefined
            ? { contentMd: body.content_md, contentHtml: renderMarkdown(body.content_md) }
            : {}),
        }),
      ),
  );
  if (!row) throw notFound('Content item');
  return Response.json({ output: toGtmDetail(row) });
});
