import 'server-only';
import { createWebhookBody } from '@agent-studio/core/api';
import { newToken } from '@agent-studio/core/secrets';
import { createWebhook, type WebhookRow } from '@agent-studio/database';
import { getDb } from '../db';
import { validate } from './errors';

/** A new webhook and its signing secret (shown once). Only the owner's own session may call this. */
export async function addWebhook(input: unknown): Promise<{ webhook: WebhookRow; secret: string }> {
  const body = validate('body', createWebhookBody, input);
  const secret = `whsec_${newToken()}`;
  const webhook = await createWebhook(await getDb(), { ...body, eventTypes: [...new Set(body.eventTypes)], secret });
  return { webhook, secret };
}
