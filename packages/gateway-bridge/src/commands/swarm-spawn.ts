import { CommandError, requireGateway, type CommandHandler } from './context';

/**
 * A swarm is a parent session asked to start one sub-agent per agent named (OpenClaw's own
 * `sessions_spawn` tool does the spawning), so the children carry the parent link OpenClaw records.
 */
export const spawnSwarm: CommandHandler<'swarm.spawn'> = async (ctx, payload, cmd) => {
  const gw = await requireGateway(ctx, 'chat.send');
  const sessionKey = `agent:main:studio-swarm-${cmd.id.slice(0, 8)}`;
  const lines = [
    `Task: ${payload.task}`,
    '',
    `Spawn one sub-agent for each of these roles with the sessions_spawn tool, give each its part of the task, and report when all are done: ${payload.agents.join(', ')}.`,
    ...(payload.context ? ['', `Context (JSON): ${JSON.stringify(payload.context)}`] : []),
  ];
  const res = await gw.request<{ ok?: boolean; runId?: string }>('chat.send', {
    sessionKey,
    message: lines.join('\n'),
    idempotencyKey: cmd.id,
  });
  if (res.ok === false) throw new CommandError('OpenClaw did not accept the swarm task.');
  return { sessionKey, runId: res.runId ?? null };
};
