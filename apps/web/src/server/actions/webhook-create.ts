import 'server-only';
import type { Actor } from '@agent-studio/core';
import { createWebhookBody } from '@agent-studio/core/api';
import { newToken } from '@agent-studio/core/secrets';
import { createWebhook, type WebhookRow } from '@agent-studio/database';
import { getDb } from '../db';
import { recorded } from './activity';
import { validate } from './errors';

/** A new webhook and its signing secret (shown once). Only the owner's own session may call this. */
export async function addWebhook(actor: Actor, input: unknown): Promise<{ webhook: WebhookRow; secret: string }> {
  const body = validate('body', createWebhookBody, input);
  const secret = `whsec_${newToken()}`;
  const eventTypes = [...new Set(body.eventTypes)];
  const webhook = await recorded(
    actor,
    { action: 'webhook.create', target: { kind: 'webhook', id: null, label: body.name }, detail: { eventTypes } },
    () => getDb().then((db) => createWebhook(db, { ...body, eventTypes, secret })),
  );
  return { webhook, secret };
}
