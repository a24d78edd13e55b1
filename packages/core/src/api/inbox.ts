// The inbox (issue 19): everything waiting on the owner, and the answers to it.
import { z } from 'zod';
import { gatewayFilter, isoDate, rowGateway, uuid } from './common';

export const approvalDecisions = ['allow-once', 'allow-always', 'deny'] as const;

export const inboxApproval = z.object({
  id: uuid,
  gateway: rowGateway,
  kind: z.enum(['exec', 'plugin']),
  /** The command (exec), or the plugin's title. */
  title: z.string(),
  description: z.string().nullable(),
  agentId: z.string().nullable(),
  sessionKey: z.string().nullable(),
  /** The studio's page of that session, when it has it. */
  sessionId: uuid.nullable(),
  allowedDecisions: z.array(z.enum(approvalDecisions)),
  requestedAt: isoDate,
  expiresAt: isoDate.nullable(),
});

export const inboxContent = z.object({
  id: uuid,
  gateway: rowGateway,
  title: z.string(),
  type: z.string(),
  updatedAt: isoDate,
});

export const inboxFailure = z.object({
  kind: z.enum(['cron_run', 'agent_session']),
  id: uuid,
  gateway: rowGateway,
  name: z.string(),
  jobId: uuid.nullable(),
  error: z.string().nullable(),
  at: isoDate,
});

export const inboxQuery = z.object({ gateway: gatewayFilter });

export const inboxResponse = z.object({
  count: z.number().int(),
  approvals: z.array(inboxApproval),
  content: z.array(inboxContent),
  failures: z.array(inboxFailure),
});

export const approvalAnswerBody = z.object({ decision: z.enum(approvalDecisions) });

export const failureAckParams = z.object({ kind: z.enum(['cron_run', 'agent_session']), id: uuid });
export const failureAckResponse = z.object({ acknowledged: z.boolean() });

/** What the owner saw in the inbox, acknowledged at once (only those that did fail are marked). */
export const failuresAckBody = z.object({
  items: z
    .array(z.object({ kind: z.enum(['cron_run', 'agent_session']), id: uuid }))
    .min(1)
    .max(500),
});
export const failuresAckResponse = z.object({ acknowledged: z.number().int() });
