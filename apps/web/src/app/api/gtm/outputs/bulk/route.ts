import { actorOf } from '@/server/actor';
import { readBody, route } from '@/server/http';
import { moveContent } from '@/server/actions/content-bulk-move';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) =>
  Response.json({ results: await moveContent(await actorOf(request), await readBody(request)) }),
);
