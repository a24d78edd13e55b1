import 'server-only';
import type { Actor } from '@agent-studio/core';
import { getAgentSession, type CommandRow } from '@agent-studio/database';
import { refused } from './activity';
import { DomainError } from './errors';
import { existing } from './lookup';
import { queueCommand } from './queue';

/** Stops a running agent session through the gateway (`session.abort`). */
export async function cancelSession(actor: Actor, sessionId: string): Promise<CommandRow> {
  const session = await existing('Session', sessionId, getAgentSession);
  const target = { kind: 'agent_session' as const, id: session.id, label: session.agent_name };
  if (session.status !== 'running')
    throw await refused(
      actor,
      { action: 'session.abort', target },
      new DomainError(
        'not_running',
        `The session has already finished (${session.status}); there was nothing to stop.`,
      ),
    );
  return queueCommand(
    actor,
    'session.abort',
    { sessionId: session.id },
    {
      waitMs: 5000,
      target,
      gatewayId: session.gateway_id,
      failure: 'The session could not be cancelled.',
    },
  );
}
