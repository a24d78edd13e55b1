import { budgetBody, budgetsQuery } from '@agent-studio/core/api';
import { getCronJob, listBudgets, upsertBudget } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { notFound, parseBody, parseQuery, route } from '@/server/http';
import { withActivity } from '@/server/activity';
import { toBudget } from '@/server/api/serialize';

export const dynamic = 'force-dynamic';

export const GET = route(async (request: Request) => {
  const q = parseQuery(budgetsQuery, request.url);
  return Response.json({ budgets: (await listBudgets(await getDb(), q)).map(toBudget) });
});

/** One budget per job, per agent, and one for the day: setting it again replaces it. */
export const POST = route(async (request: Request) => {
  const body = await parseBody(budgetBody, request);
  const job = body.scope === 'job' ? await getCronJob(await getDb(), body.target).catch(() => null) : null;
  if (body.scope === 'job' && !job) throw notFound('Cron job');
  const label = body.scope === 'job' ? job!.name : body.scope === 'agent' ? `agent ${body.target}` : 'daily budget';
  const row = await withActivity(
    request,
    { action: 'budget.set', target: { kind: 'budget', id: body.target || null, label }, detail: body },
    (tx) => upsertBudget(tx, body),
  );
  return Response.json({ budget: toBudget(row) });
});
