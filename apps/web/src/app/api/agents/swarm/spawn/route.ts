import { spawnBody } from '@agent-studio/core/api';
import { parseBody, route } from '@/server/http';
import { queued, runCommand } from '@/server/api/commands';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) => {
  const body = await parseBody(spawnBody, request);
  const cmd = await runCommand('swarm.spawn', body, 0);
  return Response.json(queued(cmd), { status: 202 });
});
