import { actorOf } from '@/server/actor';
import { readBody, route } from '@/server/http';
import { spawnSwarm } from '@/server/actions/swarm-spawn';
import { queued } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) =>
  Response.json(queued(await spawnSwarm(await actorOf(request), await readBody(request))), { status: 202 }),
);
