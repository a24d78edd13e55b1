import { idParams } from '@agent-studio/core/api';
import { getCronJob } from '@agent-studio/database';
import { upcomingRuns } from '@/lib/schedule';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { notFound, parseParams, readBody, route, type RouteContext } from '@/server/http';
import { deleteJob } from '@/server/actions/job-delete';
import { updateJob } from '@/server/actions/job-update';
import { queued, toCronJob } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  const job = await getCronJob(db, id);
  if (!job) throw notFound('Cron job');
  return Response.json({
    job: toCronJob(job, await gatewayNames(db)),
    nextRuns: job.removed_at ? [] : upcomingRuns(job, 5).map((d) => d.toISOString()),
  });
});

export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const { command } = await updateJob(await actorOf(request), id, await readBody(request));
  return Response.json(queued(command), { status: command.status === 'succeeded' ? 200 : 202 });
});

export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const command = await deleteJob(await actorOf(request), id);
  return Response.json(queued(command), { status: command.status === 'succeeded' ? 200 : 202 });
});
