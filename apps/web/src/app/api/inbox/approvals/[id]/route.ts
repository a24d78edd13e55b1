import { approvalAnswerBody, idParams } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { parseBody, parseParams, route, type RouteContext } from '@/server/http';
import { answerApproval } from '@/server/actions/approval-answer';
import { queued } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request, ctx: RouteContext) => {
  const { id } = parseParams(idParams, await ctx.params);
  const { decision } = await parseBody(approvalAnswerBody, request);
  return Response.json(queued(await answerApproval(await actorOf(request), id, decision)), { status: 202 });
});
