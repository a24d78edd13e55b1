import { spawnBody } from '@agent-studio/core/api';
import { HttpError, parseBody, route } from '@/server/http';
import { queued, runCommand } from '@/server/api/commands';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) => {
  const body = await parseBody(spawnBody, request);
  const cmd = await runCommand(request, 'swarm.spawn', body, {
    waitMs: 0,
    target: { kind: 'swarm', id: null, label: body.task.slice(0, 200) },
  });
  if (cmd.status === 'failed')
    throw new HttpError(409, 'command_failed', cmd.error ?? 'The swarm could not be started.', undefined, {
      commandId: cmd.id,
    });
  return Response.json(queued(cmd), { status: 202 });
});
