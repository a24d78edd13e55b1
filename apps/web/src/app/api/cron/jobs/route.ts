import { cronJobsQuery } from '@agent-studio/core/api';
import { listCronJobs } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { filteredGateway } from '@/server/actions/lookup';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { parseQuery, readBody, route } from '@/server/http';
import { createJob } from '@/server/actions/job-create';
import { toCronJob } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(cronJobsQuery, request.url);
  const db = await getDb();
  const [jobs, gateways] = await Promise.all([
    listCronJobs(db, {
      search: q.search || undefined,
      category: q.category || undefined,
      gatewayId: await filteredGateway(q.gateway),
    }),
    gatewayNames(db),
  ]);
  return Response.json({ jobs: jobs.map((j) => toCronJob(j, gateways)) });
});

/** 201 once OpenClaw created the job, 202 while the bridge is still at it. */
export const POST = route(async (request: Request) => {
  const { jobId, command } = await createJob(await actorOf(request), await readBody(request));
  return Response.json(
    { jobId, commandId: command.id, status: command.status },
    { status: command.status === 'succeeded' ? 201 : 202 },
  );
});
