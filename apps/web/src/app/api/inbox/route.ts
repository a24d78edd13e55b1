import { inboxQuery } from '@agent-studio/core/api';
import { filteredGateway } from '@/server/actions/lookup';
import { parseQuery, route } from '@/server/http';
import { loadInbox } from '@/server/inbox';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(inboxQuery, request.url);
  return Response.json(await loadInbox(await filteredGateway(q.gateway)));
});
