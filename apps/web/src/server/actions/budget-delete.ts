import 'server-only';
import type { Actor } from '@agent-studio/core';
import { deleteBudget, getBudget, getCronJob } from '@agent-studio/database';
import { getDb } from '../db';
import { withActivity } from './activity';
import { existing } from './lookup';

export async function removeBudget(actor: Actor, budgetId: string): Promise<void> {
  const budget = await existing('Budget', budgetId, getBudget);
  const target = { kind: 'budget' as const, id: budget.target || null, label: `${budget.scope} budget` };
  const job = budget.scope === 'job' ? await getCronJob(await getDb(), budget.target) : null;
  await withActivity(
    actor,
    { action: 'budget.delete', target, gatewayId: job?.gateway_id ?? budget.gateway_id },
    (tx) => deleteBudget(tx, budget.id),
  );
}
