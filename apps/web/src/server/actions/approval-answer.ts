import 'server-only';
import type { Actor } from '@agent-studio/core';
import { getApproval, type ApprovalDecision, type CommandRow } from '@agent-studio/database';
import { refused } from './activity';
import { DomainError } from './errors';
import { existing } from './lookup';
import { queueCommand } from './queue';

const WORDS: Record<ApprovalDecision, string> = {
  'allow-once': 'allow once',
  'allow-always': 'always allow',
  deny: 'deny',
};

/** Answers an OpenClaw exec or plugin approval through the gateway (`approval.resolve`, run by the bridge). */
export async function answerApproval(
  actor: Actor,
  approvalId: string,
  decision: ApprovalDecision,
): Promise<CommandRow> {
  const approval = await existing('Approval', approvalId, getApproval);
  const target = { kind: 'approval' as const, id: approval.id, label: approval.title.slice(0, 200) };
  const info = { action: 'approval.resolve', target, detail: { decision, kind: approval.kind } };
  if (approval.status !== 'pending')
    throw await refused(
      actor,
      info,
      new DomainError(
        'invalid_transition',
        approval.status === 'expired'
          ? 'The approval is no longer waiting: it expired, or the gateway no longer has it.'
          : `The approval was already answered (${approval.status}${approval.resolved_by ? ` by ${approval.resolved_by}` : ''}).`,
      ),
    );
  if (!approval.allowed_decisions.includes(decision))
    throw await refused(
      actor,
      info,
      new DomainError('invalid_request', `OpenClaw does not offer “${WORDS[decision]}” for this approval.`),
    );
  return queueCommand(
    actor,
    'approval.resolve',
    { approvalId: approval.id, decision },
    { waitMs: 5000, target, gatewayId: approval.gateway_id, failure: 'The approval could not be answered.' },
  );
}
