import { listApiTokens, listBudgets, listWebhooks } from '@agent-studio/database';
import { BudgetForm } from '@/components/budgets/budget-form';
import Link from '@/components/ui/link';
import { CardBody, TitledCard } from '@/components/ui/card';
import { toApiToken, toBudget, toWebhook } from '@/server/api/serialize';
import { getDb } from '@/server/db';
import { Tokens } from './_components/tokens';
import { Webhooks } from './_components/webhooks';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const db = await getDb();
  const [tokens, webhooks, [daily]] = await Promise.all([
    listApiTokens(db),
    listWebhooks(db),
    listBudgets(db, { scope: 'day' }),
  ]);
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
            What all agents together may spend in one day (UTC). Budgets per job are on each job’s page, per agent on
            the Agents page.
          </p>
          <BudgetForm scope="day" target="" what="the day" budget={daily ? toBudget(daily) : null} />
        </CardBody>
      </TitledCard>
    </div>
  );
}
