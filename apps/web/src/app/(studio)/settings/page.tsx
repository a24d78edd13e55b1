import { listApiTokens, listWebhooks } from '@agent-studio/database';
import { Card, CardHeader } from '@/components/ui/card';
import { toApiToken, toWebhook } from '@/server/api/serialize';
import { getDb } from '@/server/db';
import { Tokens } from './tokens';
import { Webhooks } from './webhooks';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const db = await getDb();
  const [tokens, webhooks] = await Promise.all([listApiTokens(db), listWebhooks(db)]);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <Card aria-label="API tokens">
        <CardHeader title="API tokens" />
        <Tokens tokens={tokens.map(toApiToken)} />
      </Card>
      <Card aria-label="Webhooks">
        <CardHeader title="Webhooks" />
        <Webhooks webhooks={webhooks.map(toWebhook)} />
      </Card>
    </div>
  );
}
