import { renderMarkdown } from '@agent-studio/core';
import { gtmPatchBody, idParams } from '@agent-studio/core/api';
import { getGtmOutput, updateGtmOutput } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';
import { contentErrors } from '@/server/api/content-errors';
import { toGtmDetail } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const output = await getGtmOutput(await getDb(), id);
  if (!output) throw notFound('Content item');
  return Response.json({ output: toGtmDetail(output) });
});

/** The studio's own workflow data: changed here directly (OpenClaw has no part in it). */
export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const body = await parseBody(gtmPatchBody, request);
  const actor = await actorOf(request);
  const db = await getDb();
  const row = await contentErrors(db, id, () =>
    db.transaction((tx) =>
      updateGtmOutput(tx, id, {
        status: body.status,
        scheduledFor: body.scheduledFor,
        scheduledUrl: body.scheduledUrl,
        priority: body.priority,
        expectedRevision: body.baseRevision,
        resolveDisk: body.resolveDisk,
        actor,
        ...(body.content_md !== undefined ? { contentMd: body.content_md, contentHtml: renderMarkdown(body.content_md) } : {}),
      }),
    ),
  );
  if (!row) throw notFound('Content item');
  return Response.json({ output: toGtmDetail(row) });
});
