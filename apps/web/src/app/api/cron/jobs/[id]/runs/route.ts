import { cronRunsQuery, idParams } from '@agent-studio/core/api';
import { getCronJob, listCronRuns } from '@agent-studio/database';
import { filteredGateway } from '@/server/actions/lookup';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { notFound, parseParams, parseQuery, route, type RouteContext } from '@/server/http';
import { toCronRun } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const q = parseQuery(cronRunsQuery, request.url);
  const db = await getDb();
  const job = await getCronJob(db, id);
  if (!job) throw notFound('Cron job');
  const { rows, nextCursor } = await listCronRuns(db, {
    jobId: id,
    status: q.status,
    cursor: q.cursor,
    limit: q.limit,
    gatewayId: await filteredGateway(q.gateway),
  });
  const gateways = await gatewayNames(db);
  return Response.json({ runs: rows.map((r) => toCronRun({ ...r, job_name: job.name }, gateways)), nextCursor });
});
