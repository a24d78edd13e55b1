import { listApiTokens, listBudgets, listWebhooks, spentToday } from '@agent-studio/database';
import { BudgetForm } from '@/components/budgets/budget-form';
import Link from '@/components/ui/link';
import { CardBody, TitledCard } from '@/components/ui/card';
import { usd } from '@/lib/format';
import { toApiToken, toBudget, toWebhook } from '@/server/api/serialize';
import { budgetFleet } from '@/server/budget-fleet';
import { getDb } from '@/server/db';
import { pageGateway } from '@/server/page-gateway';
import { Tokens } from './_components/tokens';
import { Webhooks } from './_components/webhooks';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const db = await getDb();
  const [tokens, webhooks, daily, page] = await Promise.all([
    listApiTokens(db),
    listWebhooks(db),
    listBudgets(db, { scope: 'day' }),
    pageGateway(db),
  ]);
  const fleetDaily = daily.find((b) => b.gateway_id === null);
  // what each daily budget is judged by: the fleet's spending and each gateway's (the dashboard's figures)
  const spent = page.fleet
    ? await Promise.all(
        [null, ...page.gateways].map(async (g) => ({ name: g?.name ?? null, ...(await spentToday(db, g?.id)) })),
      )
    : [];
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <TitledCard title="API tokens">
        <Tokens tokens={tokens.map(toApiToken)} />
      </TitledCard>
      <TitledCard title="Alerts">
        <CardBody className="text-sm">
          <Link href="/settings/alerts" className="font-medium text-primary hover:underline">
            Alert rules, channels and their delivery log
          </Link>
          <p className="text-muted-foreground">
            Be told on Telegram, Slack, Discord, ntfy, e-mail, through OpenClaw or in this browser when a job fails, a
            run is missed, a budget is passed, the gateway is away or content waits for review.
          </p>
        </CardBody>
      </TitledCard>
      <TitledCard title="Webhooks">
        <Webhooks webhooks={webhooks.map(toWebhook)} />
      </TitledCard>
      <TitledCard title="Daily budget">
        <CardBody className="flex flex-col gap-3">
          <p className="text-sm text-muted-foreground">
            What all agents together may spend in one day (UTC)
            {page.fleet && ': on all gateways together, or on one gateway (each its own budget)'}. Budgets per job are
            on each job’s page, per agent on the Agents page.
          </p>
          <BudgetForm
            scope="day"
            target=""
            what="the day"
            budget={fleetDaily ? toBudget(fleetDaily, page.names) : null}
            fleet={budgetFleet(page, daily)}
          />
          {page.fleet && (
            <section aria-label="Spent today" className="text-sm">
              <h3 className="font-medium">Spent today (UTC)</h3>
              <ul className="text-muted-foreground">
                {spent.map((s) => (
                  <li key={s.name ?? ''} className="flex justify-between gap-2 border-b py-1 last:border-0">
                    <span className="truncate">{s.name ?? 'All gateways'}</span>
                    <span className="shrink-0 tabular-nums">
                      {usd(s.costUsd)} · {Math.round(s.tokens).toLocaleString('en')} tokens
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </CardBody>
      </TitledCard>
    </div>
  );
}
