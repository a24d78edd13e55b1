import { cronJobsQuery, jobCreateBody } from '@agent-studio/core/api';
import { listCronJobs } from '@agent-studio/database';
import { scheduleProblem } from '@/lib/schedule';
import { getDb } from '@/server/db';
import { HttpError, parseBody, parseQuery, route } from '@/server/http';
import { refused } from '@/server/activity';
import { runCommand } from '@/server/api/commands';
import { toCronJob } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(cronJobsQuery, request.url);
  const jobs = await listCronJobs(await getDb(), { search: q.search || undefined, category: q.category || undefined });
  return Response.json({ jobs: jobs.map(toCronJob) });
});

/** A new job in OpenClaw, through the bridge and the gateway's `cron.add`; 201 once OpenClaw created it. */
export const POST = route(async (request: Request) => {
  const body = await parseBody(jobCreateBody, request);
  const target = { kind: 'cron_job' as const, id: null, label: body.name };
  const problem = scheduleProblem(body.schedule, body.schedule.kind === 'cron' ? (body.timezone ?? null) : null);
  if (problem) {
    const field = problem.includes('time zone') ? 'timezone' : 'schedule';
    throw await refused(
      request,
      { action: 'cron.add', target, detail: body },
      new HttpError(400, 'invalid_request', `Invalid body: ${field}: ${problem}`, {
        issues: [{ field, message: problem }],
      }),
    );
  }
  const cmd = await runCommand(request, 'cron.add', body, { waitMs: 10_000, target });
  if (cmd.status === 'failed')
    throw new HttpError(409, 'command_failed', cmd.error ?? 'OpenClaw did not create the job.', undefined, {
      commandId: cmd.id,
    });
  const jobId = (cmd.result as { jobId?: string | null } | null)?.jobId ?? null;
  return Response.json(
    { jobId, commandId: cmd.id, status: cmd.status },
    { status: cmd.status === 'succeeded' ? 201 : 202 },
  );
});
