import { allowedTransitions, renderMarkdown } from '@agent-studio/core';
import { gtmPatchBody, idParams } from '@agent-studio/core/api';
import { getGtmOutput, RevisionConflictError, TransitionError, updateGtmOutput } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';
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
  const db = await getDb();
  try {
    const row = await db.transaction((tx) =>
      updateGtmOutput(tx, id, {
        status: body.status,
        scheduledFor: body.scheduledFor,
        priority: body.priority,
        expectedRevision: body.revision,
        ...(body.content_md !== undefined ? { contentMd: body.content_md, contentHtml: renderMarkdown(body.content_md) } : {}),
      }),
    );
    if (!row) throw notFound('Content item');
    return Response.json({ output: toGtmDetail(row) });
  } catch (err) {
    if (err instanceof RevisionConflictError) {
      throw new HttpError(409, 'revision_conflict', err.message, undefined, { current: toGtmDetail(err.current) });
    }
    if (err instanceof TransitionError) {
      const current = await getGtmOutput(db, id);
      throw new HttpError(409, 'invalid_transition', err.message, undefined, { allowed: current ? allowedTransitions(current.status) : [] });
    }
    throw err;
  }
});
