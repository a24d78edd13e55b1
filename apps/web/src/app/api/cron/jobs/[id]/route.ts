import { idParams, jobPatchBody } from '@agent-studio/core/api';
import { getCronJob } from '@agent-studio/database';
import { nextRuns } from '@/lib/schedule';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseBody, parseParams, route, type RouteContext } from '@/server/http';
import { queued, runCommand } from '@/server/api/commands';
import { toCronJob } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (_request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const job = await getCronJob(await getDb(), id);
  if (!job) throw notFound('Cron job');
  return Response.json({ job: toCronJob(job), nextRuns: job.enabled ? nextRuns(job, 5).map((d) => d.toISOString()) : [] });
});

export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const { enabled } = await parseBody(jobPatchBody, request);
  const job = await getCronJob(await getDb(), id);
  if (!job) throw notFound('Cron job');
  if (job.removed_at) throw new HttpError(409, 'job_removed', `"${job.name}" was removed from OpenClaw.`);
  const cmd = await runCommand('cron.setEnabled', { jobId: id, enabled }, 8000);
  if (cmd.status === 'failed') throw new HttpError(409, 'command_failed', cmd.error ?? 'OpenClaw did not change the job.', undefined, { commandId: cmd.id });
  return Response.json(queued(cmd), { status: cmd.status === 'succeeded' ? 200 : 202 });
});
