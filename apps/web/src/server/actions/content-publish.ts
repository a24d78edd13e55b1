import 'server-only';
import { canTransition, type Actor } from '@agent-studio/core';
import { publishBody } from '@agent-studio/core/api';
import { getGtmOutput, type CommandRow } from '@agent-studio/database';
import { refused } from './activity';
import { DomainError, validate } from './errors';
import { existing } from './lookup';
import { queueCommand } from './queue';

/** Marks approved content published at `url` (the bridge writes it back to the file's front matter). */
export async function publishContent(actor: Actor, outputId: string, input: unknown): Promise<CommandRow> {
  const { url } = validate('body', publishBody, input);
  const output = await existing('Content item', outputId, getGtmOutput);
  const target = { kind: 'gtm_output' as const, id: output.id, label: output.title };
  if (!canTransition(output.status, 'published'))
    throw await refused(
      actor,
      { action: 'gtm.publish', target, detail: { url } },
      new DomainError('invalid_transition', `Content cannot be published from ${output.status}; approve it first.`),
    );
  return queueCommand(
    actor,
    'gtm.publish',
    { outputId: output.id, url, actor },
    {
      waitMs: 3000,
      target,
      gatewayId: output.gateway_id,
      failure: 'Publishing failed.',
    },
  );
}
