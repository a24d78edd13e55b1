import 'server-only';
import type { BudgetRow } from '@agent-studio/database';
import type { BudgetFleet } from '@/components/budgets/budget-form';
import { toBudget } from './api/serialize';
import type { PageGateway } from './page-gateway';

/**
 * A budget form's gateway choice where there are several gateways (else undefined: the form as it was): the
 * budgets of one scope and target, the fleet's and each gateway's, starting on the gateway the page shows.
 */
export function budgetFleet(page: PageGateway, budgets: BudgetRow[]): BudgetFleet | undefined {
  if (!page.fleet) return undefined;
  return {
    gateways: page.gateways.map((g) => ({ id: g.id, name: g.name })),
    budgets: budgets.map((b) => toBudget(b, page.names)),
    initial: page.gatewayId ?? null,
  };
}
