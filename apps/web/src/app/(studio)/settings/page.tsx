import { listApiTokens } from '@agent-studio/database';
import { Card, CardHeader } from '@/components/ui/card';
import { toApiToken } from '@/server/api/serialize';
import { getDb } from '@/server/db';
import { Tokens } from './tokens';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const tokens = (await listApiTokens(await getDb())).map(toApiToken);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <Card aria-label="API tokens">
        <CardHeader title="API tokens" />
        <Tokens tokens={tokens} />
      </Card>
    </div>
  );
}
