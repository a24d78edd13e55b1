import { budgetsQuery } from '@agent-studio/core/api';
import { listBudgets } from '@agent-studio/database';
import { actorOf } from '@/server/actor';
import { getDb } from '@/server/db';
import { gatewayNames } from '@/server/gateway-names';
import { parseQuery, readBody, route } from '@/server/http';
import { setBudget } from '@/server/actions/budget-set';
import { toBudget } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(budgetsQuery, request.url);
  const db = await getDb();
  const [budgets, names] = await Promise.all([listBudgets(db, q), gatewayNames(db)]);
  return Response.json({ budgets: budgets.map((b) => toBudget(b, names)) });
});

export const POST = route(async (request: Request) => {
  const budget = await setBudget(await actorOf(request), await readBody(request));
  return Response.json({ budget: toBudget(budget, await gatewayNames(await getDb())) });
});
