import { alertRuleParams } from '@agent-studio/core/api';
import { ownerSession } from '@/server/actor';
import { toAlertRule } from '@/server/api/alerts';
import { parseParams, readBody, route, type RouteContext } from '@/server/http';
import { setAlertRule } from '@/server/actions/alert-rule-update';

export const dynamic = 'force-dynamic';

/** Where alerts go is the owner's to choose: not an API token's. */
export const PATCH = route(async (request: Request, ctx: RouteContext) => {
  await ownerSession(request);
  const { kind } = parseParams(alertRuleParams, await ctx.params);
  const rule = await setAlertRule(kind, await readBody(request));
  return Response.json({ rule: toAlertRule(rule) });
});
