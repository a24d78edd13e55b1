import { createWebhookBody } from '@agent-studio/core/api';
import { newToken } from '@agent-studio/core/secrets';
import { createWebhook, listWebhooks } from '@agent-studio/database';
import { toWebhook } from '@/server/api/serialize';
import { getDb } from '@/server/db';
import { parseBody, route } from '@/server/http';

export const dynamic = 'force-dynamic';

export const GET = route(async () => Response.json({ webhooks: (await listWebhooks(await getDb())).map(toWebhook) }));

export const POST = route(async (request: Request) => {
  const body = await parseBody(createWebhookBody, request);
  const secret = `whsec_${newToken()}`;
  const webhook = await createWebhook(await getDb(), { name: body.name, url: body.url, eventTypes: [...new Set(body.eventTypes)], secret });
  return Response.json({ webhook: toWebhook(webhook), secret }, { status: 201 });
});
