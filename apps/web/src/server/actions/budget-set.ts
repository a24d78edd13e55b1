import 'server-only';
import type { Actor } from '@agent-studio/core';
import { budgetBody } from '@agent-studio/core/api';
import { getCronJob, upsertBudget, type BudgetRow } from '@agent-studio/database';
import { withActivity } from './activity';
import { validate } from './errors';
import { existing } from './lookup';

/** One budget per job, per agent, and one for the day: setting it again replaces it. */
export async function setBudget(actor: Actor, input: unknown): Promise<BudgetRow> {
  const body = validate('body', budgetBody, input);
  const label =
    body.scope === 'job'
      ? (await existing('Cron job', body.target, getCronJob)).name
      : body.scope === 'agent'
        ? `agent ${body.target}`
        : 'daily budget';
  return withActivity(
    actor,
    { action: 'budget.set', target: { kind: 'budget', id: body.target || null, label }, detail: body },
    (tx) => upsertBudget(tx, body),
  );
}
