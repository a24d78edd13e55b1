import { idParams } from '@agent-studio/core/api';
import { getCronJob, getCronRun } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { runLogStream } from '@/server/api/log-stream';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  const run = await getCronRun(db, id);
  if (!run) throw notFound('Run');
  return runLogStream(request, db, run, (await getCronJob(db, run.job_id))?.source === 'host');
});
