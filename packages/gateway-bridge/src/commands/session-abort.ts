import { getAgentSession, getCronRunBySessionKey, settleSession } from '@agent-studio/database';
import { CommandError, requireGateway, type CommandHandler } from './context';
import { alreadyFinished } from './errors';

export const abortSession: CommandHandler<'session.abort'> = async (ctx, payload) => {
  const session = await getAgentSession(ctx.db, payload.sessionId);
  if (!session) throw new CommandError('That session is not known to the studio.');
  if (session.status !== 'running') throw new CommandError(alreadyFinished(session.status));
  const gw = await requireGateway(ctx, 'sessions.abort');
  // 2026.9.6 answers ok with status 'no-active-run' when the run ended before the abort arrived
  const res = await gw.request<{ status?: string; aborted?: boolean }>('sessions.abort', { key: session.session_key });
  if (res?.status === 'no-active-run' || res?.aborted === false) {
    // the gateway runs nothing there: the studio stops showing it as running (as its run ended, if known)
    const run = await getCronRunBySessionKey(ctx.db, session.session_key, session.gateway_id);
    const ended = run && run.status !== 'running' ? run : null;
    const status = ended
      ? ended.status === 'completed'
        ? 'completed'
        : ended.status === 'cancelled'
          ? 'cancelled'
          : 'error'
      : 'error';
    const reason =
      ended?.error ??
      (ended
        ? null
        : 'The session had ended without an end record: the gateway had no run going on when Cancel was asked.');
    await ctx.db.transaction((tx) =>
      settleSession(
        tx,
        session.session_key,
        { status, at: ended?.finished_at ?? new Date(), reason },
        session.gateway_id,
      ),
    );
    throw new CommandError(alreadyFinished('no active run'));
  }
  return { aborted: session.session_key };
};
