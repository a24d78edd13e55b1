import { failuresAckBody } from '@agent-studio/core/api';
import { actorOf } from '@/server/actor';
import { parseBody, route } from '@/server/http';
import { acknowledgeAll } from '@/server/actions/failure-acknowledge';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) => {
  const { items } = await parseBody(failuresAckBody, request);
  return Response.json({ acknowledged: await acknowledgeAll(await actorOf(request), items) });
});
