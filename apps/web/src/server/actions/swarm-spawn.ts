import 'server-only';
import type { Actor } from '@agent-studio/core';
import { spawnBody } from '@agent-studio/core/api';
import type { CommandRow } from '@agent-studio/database';
import { validate } from './errors';
import { requestedGateway } from './lookup';
import { queueCommand } from './queue';

/** Starts a swarm of sub-agents on a task, on the gateway named (else the default one); answers at once. */
export async function spawnSwarm(actor: Actor, input: unknown): Promise<CommandRow> {
  const { gateway, ...body } = validate('body', spawnBody, input);
  return queueCommand(actor, 'swarm.spawn', body, {
    waitMs: 0,
    gatewayId: await requestedGateway(gateway),
    target: { kind: 'swarm', id: null, label: body.task.slice(0, 200) },
    failure: 'The swarm could not be started.',
  });
}
