import 'server-only';
import type { Actor } from '@agent-studio/core';
import { budgetBody } from '@agent-studio/core/api';
import { getCronJob, upsertBudget, type BudgetRow } from '@agent-studio/database';
import { withActivity } from './activity';
import { validate } from './errors';
import { existing, namedGateway } from './lookup';

/**
 * One budget per job, per agent and for the day: an agent's and the day's for one gateway or for the whole fleet
 * (each apart). Setting it again replaces it.
 */
export async function setBudget(actor: Actor, input: unknown): Promise<BudgetRow> {
  const { gateway, ...body } = validate('body', budgetBody, input);
  const onGateway = await namedGateway(gateway);
  const gatewayId = onGateway?.id ?? null;
  const job = body.scope === 'job' ? await existing('Cron job', body.target, getCronJob) : null;
  const what = job ? job.name : body.scope === 'agent' ? `agent ${body.target}` : 'daily budget';
  const label = onGateway ? `${what} on gateway ${onGateway.name}` : what;
  return withActivity(
    actor,
    {
      action: 'budget.set',
      target: { kind: 'budget', id: body.target || null, label },
      detail: { ...body, gateway },
      // the audit log of a gateway lists its budgets (a job's is its job's gateway's)
      gatewayId: job?.gateway_id ?? gatewayId,
    },
    (tx) => upsertBudget(tx, { ...body, gatewayId }),
  );
}
