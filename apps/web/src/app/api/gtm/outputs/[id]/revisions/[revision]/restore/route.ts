import { renderMarkdown } from '@agent-studio/core/markdown';
import { restoreBody, revisionParams } from '@agent-studio/core/api';
import { getGtmRevision, updateGtmOutput } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';
import { contentErrors } from '@/server/api/content-errors';
import { toGtmDetail } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

/** A restore is a new revision with the old text, so the history only ever grows. */
export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id, revision } = parseParams(revisionParams, await ctx.params);
  const { baseRevision } = await parseBody(restoreBody, request);
  const actor = await actorOf(request);
  const db = await getDb();
  const old = await getGtmRevision(db, id, revision);
  if (!old) throw notFound('Revision');
  const row = await contentErrors(db, id, () =>
    db.transaction((tx) =>
      updateGtmOutput(tx, id, {
        contentMd: old.content_md,
        contentHtml: renderMarkdown(old.content_md),
        expectedRevision: baseRevision,
        restoredFrom: revision,
        actor,
      }),
    ),
  );
  if (!row) throw notFound('Content item');
  return Response.json({ output: toGtmDetail(row) });
});
