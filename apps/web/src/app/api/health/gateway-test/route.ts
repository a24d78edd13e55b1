import { actorOf } from '@/server/actor';
import { route } from '@/server/http';
import { testGateway } from '@/server/actions/gateway-test';

export const dynamic = 'force-dynamic';

export const POST = route(async (request: Request) => Response.json(await testGateway(await actorOf(request))));
