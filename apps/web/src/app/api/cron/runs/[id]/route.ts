import { idParams } from '@agent-studio/core/api';
import { getCronJob, getCronRun } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { notFound, parseParams, route, type RouteContext } from '@/server/http';
import { toCronRun } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const db = await getDb();
  const run = await getCronRun(db, id);
  if (!run) throw notFound('Run');
  // the job's name is in the advice for a run that timed out while working
  const job = run.status === 'timeout' || run.status === 'failed' ? await getCronJob(db, run.job_id) : null;
  return Response.json({ run: toCronRun({ ...run, job_name: job?.name }, await gatewayNames(db)) });
});
