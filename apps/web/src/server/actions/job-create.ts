import 'server-only';
import type { Actor } from '@agent-studio/core';
import { jobCreateBody } from '@agent-studio/core/api';
import type { CommandRow } from '@agent-studio/database';
import { scheduleProblem } from '@/lib/schedule';
import { refused } from './activity';
import { invalidField, validate } from './errors';
import { requestedGateway } from './lookup';
import { queueCommand } from './queue';

/** A new job in OpenClaw, through the bridge and the gateway's `cron.add`; `jobId` once OpenClaw created it. */
export async function createJob(actor: Actor, input: unknown): Promise<{ jobId: string | null; command: CommandRow }> {
  const { gateway, ...body } = validate('body', jobCreateBody, input);
  const target = { kind: 'cron_job' as const, id: null, label: body.name };
  const problem = scheduleProblem(body.schedule, body.schedule.kind === 'cron' ? (body.timezone ?? null) : null);
  if (problem) {
    const field = problem.includes('time zone') ? 'timezone' : 'schedule';
    throw await refused(actor, { action: 'cron.add', target, detail: body }, invalidField(field, problem));
  }
  const gatewayId = await requestedGateway(gateway);
  const command = await queueCommand(actor, 'cron.add', body, {
    waitMs: 10_000,
    target,
    gatewayId,
    failure: 'OpenClaw did not create the job.',
  });
  const jobId = (command.result as { jobId?: string | null } | null)?.jobId ?? null;
  return { jobId, command };
}
