import 'server-only';
import { z } from 'zod';
import {
  alertChannelConfigSchemas,
  alertChannelSecrets,
  type AlertChannelKindName,
} from '@agent-studio/core/alert-channels';
import { createAlertChannelBody } from '@agent-studio/core/api';
import { sealSecret, secretHint } from '@agent-studio/core/sealed-secret';
import { createAlertChannel, getAlertSealingKey, type AlertChannelRow } from '@agent-studio/database';
import { getDb } from '../db';
import { DomainError, validate } from './errors';

/** A channel's settings checked against its kind (fields named `config.<field>`). */
export function channelConfig(kind: AlertChannelKindName, config: unknown): Record<string, unknown> {
  return validate('body', z.object({ config: alertChannelConfigSchemas[kind] }), { config }).config;
}

/** The secret checked against its kind and sealed to the bridge's key; null when none was given. */
export async function sealedChannelSecret(
  kind: AlertChannelKindName,
  secret: string | undefined,
): Promise<{ sealed: string; hint: string } | null> {
  const spec = alertChannelSecrets[kind];
  if (!spec || secret === undefined || secret === '') return null;
  const plain = validate('body', z.object({ secret: spec.schema }), { secret }).secret;
  const key = await getAlertSealingKey(await getDb());
  if (!key)
    throw new DomainError(
      'invalid_request',
      'The bridge has not started yet: it holds the key channel secrets are sealed to. Start the studio (or its bridge), then save again.',
    );
  // a push subscription is named by its push service, not by the end of its keys
  const hint = kind === 'browser' ? `Web Push via ${new URL(JSON.parse(plain).endpoint).host}` : secretHint(plain);
  return { sealed: sealSecret(key.publicKey, plain), hint };
}

/** A new alert channel; its secret is sealed at once and never readable by the web app again. Owner's session only. */
export async function addAlertChannel(input: unknown): Promise<AlertChannelRow> {
  const body = validate('body', createAlertChannelBody, input);
  const config = channelConfig(body.kind, body.config);
  const spec = alertChannelSecrets[body.kind];
  if (spec?.required && !body.secret)
    throw new DomainError('invalid_request', `Invalid body: secret: enter the ${spec.label.toLowerCase()}`, {
      issues: [{ field: 'secret', message: `enter the ${spec.label.toLowerCase()}` }],
    });
  const secret = await sealedChannelSecret(body.kind, body.secret);
  return createAlertChannel(await getDb(), {
    name: body.name,
    kind: body.kind,
    config,
    secretSealed: secret?.sealed ?? null,
    secretHint: secret?.hint ?? null,
    allowPrivateNetwork: body.allowPrivateNetwork,
  });
}
