// Answers an OpenClaw exec or plugin approval from the studio's inbox (`exec.approval.resolve` /
// `plugin.approval.resolve` with `{ id, decision }`). The answer is recorded at once; the gateway's own
// `*.approval.resolved` event, which follows, then changes nothing.
import { expireApproval, getApproval, recordApprovalResolved } from '@agent-studio/database';
import { GatewayError } from '../gateway/client';
import { SOURCE } from '../mirror/translate';
import { CommandError, requireGateway, type CommandHandler } from './context';

export const resolveApproval: CommandHandler<'approval.resolve'> = async (ctx, payload) => {
  const approval = await getApproval(ctx.db, payload.approvalId);
  if (!approval) throw new CommandError('That approval is not known to the studio.');
  if (approval.status !== 'pending')
    throw new CommandError(`That approval was already ${approval.status === 'expired' ? 'gone' : approval.status}.`);
  if (!approval.allowed_decisions.includes(payload.decision))
    throw new CommandError(`OpenClaw does not offer "${payload.decision}" for this approval.`);
  const method = `${approval.kind}.approval.resolve`;
  const gw = await requireGateway(ctx, method);
  try {
    await gw.request(method, { id: approval.external_id, decision: payload.decision });
  } catch (err) {
    if (!(err instanceof GatewayError) || err.retryable) throw err;
    // 'unknown or expired approval id' / 'approval already resolved': it is no longer waiting on the gateway
    const gone = /unknown or expired|not found|already resolved/i.test(err.message);
    if (gone) await ctx.db.transaction((tx) => expireApproval(tx, approval.id));
    throw new CommandError(
      gone
        ? `The approval is no longer waiting on the gateway (${err.message}): it expired, or was answered elsewhere.`
        : `The gateway refused the answer: ${err.message}`,
    );
  }
  await ctx.db.transaction((tx) =>
    recordApprovalResolved(tx, {
      gatewayId: approval.gateway_id,
      source: SOURCE,
      externalId: approval.external_id,
      decision: payload.decision,
      resolvedBy: 'agent-studio-bridge',
      at: new Date(),
    }),
  );
  return { approvalId: approval.id, decision: payload.decision };
};
