import { budgetsQuery } from '@agent-studio/core/api';
import { listBudgets } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { parseQuery, readBody, route } from '@/server/http';
import { setBudget } from '@/server/actions/budget-set';
import { toBudget } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(budgetsQuery, request.url);
  return Response.json({ budgets: (await listBudgets(await getDb(), q)).map(toBudget) });
});

export const POST = route(async (request: Request) =>
  Response.json({ budget: toBudget(await setBudget(await actorOf(request), await readBody(request))) }),
);
