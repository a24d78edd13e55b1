import { listAlertRuleSettings } from '@agent-studio/database';
import { toAlertRule } from '@/server/api/alerts';
import { getDb } from '@/server/db';
import { route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async () => {
  const rules = await listAlertRuleSettings(await getDb());
  return Response.json({ rules: rules.map(toAlertRule) });
});
