import 'server-only';
import type { Actor } from '@agent-studio/core';
import { deleteBudget, getBudget } from '@agent-studio/database';
import { withActivity } from './activity';
import { existing } from './lookup';

export async function removeBudget(actor: Actor, budgetId: string): Promise<void> {
  const budget = await existing('Budget', budgetId, getBudget);
  const target = { kind: 'budget' as const, id: budget.target || null, label: `${budget.scope} budget` };
  await withActivity(actor, { action: 'budget.delete', target }, (tx) => deleteBudget(tx, budget.id));
}
