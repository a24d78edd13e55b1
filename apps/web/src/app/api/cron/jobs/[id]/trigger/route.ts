import { idParams, triggerBody } from '@agent-studio/core/api';
import { getCronJob, getCronRun } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { HttpError, notFound, parseOptionalBody, parseParams, route, type RouteContext } from '@/server/http';
import { refused } from '@/server/activity';
import { queued, runCommand } from '@/server/api/commands';

export const dynamic = 'force-dynamic';

// The bridge answers once the gateway reports the run (it waits up to 10 s for it).
const WAIT_MS = 12_000;

/** Seed §3: `{runId, status:'started'}` once the run started; 202 with the command when it takes longer. */
export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const body = await parseOptionalBody(triggerBody, request);
  const db = await getDb();
  const job = await getCronJob(db, id);
  if (!job) throw notFound('Cron job');
  const target = { kind: 'cron_job' as const, id: job.id, label: job.name };
  if (job.removed_at) {
    throw await refused(
      request,
      { action: 'cron.run', target },
      new HttpError(
        409,
        'job_removed',
        `"${job.name}" was removed from ${job.source === 'host' ? 'its crontab' : 'OpenClaw'}.`,
      ),
    );
  }
  if (body.retryOfRunId) {
    const run = await getCronRun(db, body.retryOfRunId);
    if (!run || run.job_id !== job.id)
      throw new HttpError(400, 'invalid_request', 'retryOfRunId is not a run of this job.', {
        issues: [{ field: 'retryOfRunId', message: 'not a run of this job' }],
      });
  }
  const payload = {
    jobId: job.id,
    triggerType: body.retryOfRunId ? ('retry' as const) : ('manual' as const),
    retryOfRunId: body.retryOfRunId,
  };
  const cmd = await runCommand(request, 'cron.run', payload, { waitMs: WAIT_MS, target });
  if (cmd.status === 'failed')
    throw new HttpError(409, 'command_failed', cmd.error ?? 'The run could not be started.', undefined, {
      commandId: cmd.id,
    });
  const result = cmd.result as { runId?: string | null } | null;
  if (cmd.status === 'succeeded' && result?.runId)
    return Response.json({ runId: result.runId, status: 'started', commandId: cmd.id });
  return Response.json(queued(cmd), { status: 202 });
});
