import { idParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { parseParams, readBody, route, type RouteContext } from '@/server/http';
import { runJob } from '@/server/actions/job-run';
import { queued } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

/** Seed §3: `{runId, status:'started'}` once the run started; 202 with the command when it takes longer. */
export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const { runId, command } = await runJob(await actorOf(request), id, await readBody(request, { optional: true }));
  if (runId) return Response.json({ runId, status: 'started', commandId: command.id });
  return Response.json(queued(command), { status: 202 });
});
