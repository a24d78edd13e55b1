import { idParams, jobPatchBody } from '@agent-studio/core/api';
import { getCronJob } from '@agent-studio/database';
import { scheduleProblem, upcomingRuns } from '@/lib/schedule';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';
import { refused } from '@/server/activity';
import { queued, runCommand } from '@/server/api/commands';
import { toCronJob } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const job = await getCronJob(await getDb(), id);
  if (!job) throw notFound('Cron job');
  return Response.json({
    job: toCronJob(job),
    nextRuns: job.removed_at ? [] : upcomingRuns(job, 5).map((d) => d.toISOString()),
  });
});

/** Pause/resume, or edit schedule, time zone and message: each through the bridge and the gateway's cron API. */
export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const body = await parseBody(jobPatchBody, request);
  const job = await getCronJob(await getDb(), id);
  if (!job) throw notFound('Cron job');
  const target = { kind: 'cron_job' as const, id, label: job.name };
  const action = body.enabled === undefined ? 'cron.update' : 'cron.setEnabled';
  if (job.removed_at)
    throw await refused(
      request,
      { action, target, detail: body },
      new HttpError(409, 'job_removed', `"${job.name}" was removed from OpenClaw.`),
    );
  if (body.schedule || body.timezone) {
    const timezone = body.timezone === undefined ? job.timezone : body.timezone;
    const problem = body.schedule
      ? scheduleProblem(body.schedule, timezone)
      : timezone &&
        scheduleProblem({ kind: 'cron', expr: job.schedule_kind === 'cron' ? job.schedule : '* * * * *' }, timezone);
    if (problem) {
      const field = body.schedule && !problem.includes('time zone') ? 'schedule' : 'timezone';
      throw new HttpError(400, 'invalid_request', `Invalid body: ${field}: ${problem}`, {
        issues: [{ field, message: problem }],
      });
    }
  }
  const cmd =
    body.enabled === undefined
      ? await runCommand(
          request,
          'cron.update',
          { jobId: id, schedule: body.schedule, timezone: body.timezone, message: body.message },
          { waitMs: 8000, target },
        )
      : await runCommand(request, 'cron.setEnabled', { jobId: id, enabled: body.enabled }, { waitMs: 8000, target });
  if (cmd.status === 'failed')
    throw new HttpError(409, 'command_failed', cmd.error ?? 'OpenClaw did not change the job.', undefined, {
      commandId: cmd.id,
    });
  return Response.json(queued(cmd), { status: cmd.status === 'succeeded' ? 200 : 202 });
});

/** Deletes the job from OpenClaw (`cron.remove`); its runs stay in the studio, the job shows as removed. */
export const DELETE = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const job = await getCronJob(await getDb(), id);
  if (!job) throw notFound('Cron job');
  const target = { kind: 'cron_job' as const, id, label: job.name };
  if (job.removed_at)
    throw await refused(
      request,
      { action: 'cron.remove', target },
      new HttpError(409, 'job_removed', `"${job.name}" was already removed from OpenClaw.`),
    );
  if (job.source !== 'openclaw')
    throw await refused(
      request,
      { action: 'cron.remove', target },
      new HttpError(409, 'not_openclaw', `"${job.name}" is a crontab line: remove it from its crontab.`),
    );
  const cmd = await runCommand(request, 'cron.remove', { jobId: id }, { waitMs: 8000, target });
  if (cmd.status === 'failed')
    throw new HttpError(409, 'command_failed', cmd.error ?? 'OpenClaw did not delete the job.', undefined, {
      commandId: cmd.id,
    });
  return Response.json(queued(cmd), { status: cmd.status === 'succeeded' ? 200 : 202 });
});
