import 'server-only';
import type { Actor } from '@agent-studio/core';
import { spawnBody } from '@agent-studio/core/api';
import type { CommandRow } from '@agent-studio/database';
import { validate } from './errors';
import { queueCommand } from './queue';

/** Starts a swarm of sub-agents on a task; answers at once, the bridge reports how it went. */
export async function spawnSwarm(actor: Actor, input: unknown): Promise<CommandRow> {
  const body = validate('body', spawnBody, input);
  return queueCommand(actor, 'swarm.spawn', body, {
    waitMs: 0,
    target: { kind: 'swarm', id: null, label: body.task.slice(0, 200) },
    failure: 'The swarm could not be started.',
  });
}
