import { webhookUrlOrigin } from '@agent-studio/core/api';
import { listWebhooks } from '@agent-studio/database';
import { toWebhook } from '@/server/api/serialize';
import { actorOf, ownerSession } from '@/server/actor';
import { authenticate } from '@/server/auth';
import { getDb } from '@/server/db';
import { readBody, route } from '@/server/http';
import { addWebhook } from '@/server/actions/webhook-create';

export const dynamic = 'force-dynamic';

/** An API token sees where each webhook sends only as an origin: a receiver's URL path often holds its own secret. */
export const GET = route(async (request: Request) => {
  const owner = (await authenticate(request.headers))?.kind === 'session';
  const webhooks = (await listWebhooks(await getDb())).map(toWebhook);
  return Response.json({ webhooks: owner ? webhooks : webhooks.map((w) => ({ ...w, url: webhookUrlOrigin(w.url) })) });
});

/** Only the owner's own session may point the studio's signed POSTs somewhere: a token could aim them at the LAN. */
export const POST = route(async (request: Request) => {
  await ownerSession(request);
  const { webhook, secret } = await addWebhook(await actorOf(request), await readBody(request));
  return Response.json({ webhook: toWebhook(webhook), secret }, { status: 201 });
});
