import { idParams } from '@agent-studio/core/api';
import { getCronJob } from '@agent-studio/database';
import { nextRuns } from '@/lib/schedule';
import { getDb } from '@/server/db';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { toCronJob } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const job = await getCronJob(await getDb(), id);
  if (!job) throw notFound('Cron job');
  return Response.json({ job: toCronJob(job), nextRuns: job.enabled ? nextRuns(job, 5).map((d) => d.toISOString()) : [] });
});
