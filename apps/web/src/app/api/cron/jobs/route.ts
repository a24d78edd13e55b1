import { cronJobsQuery } from '@agent-studio/core/api';
import { listCronJobs } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { parseQuery, route } from '@/server/http';
import { toCronJob } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(cronJobsQuery, request.url);
  const jobs = await listCronJobs(await getDb(), { search: q.search || undefined, category: q.category || undefined });
  return Response.json({ jobs: jobs.map(toCronJob) });
});
