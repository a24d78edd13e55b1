import { getAgentSession } from '@agent-studio/database';
import { CommandError, requireGateway, type CommandHandler } from './context';
import { alreadyFinished } from './errors';

export const abortSession: CommandHandler<'session.abort'> = async (ctx, payload) => {
  const session = await getAgentSession(ctx.db, payload.sessionId);
  if (!session) throw new CommandError('That session is not known to the studio.');
  if (session.status !== 'running') throw new CommandError(alreadyFinished(session.status));
  const gw = await requireGateway(ctx, 'sessions.abort');
  // 2026.9.6 answers ok with status 'no-active-run' when the run ended before the abort arrived
  const res = await gw.request<{ status?: string; aborted?: boolean }>('sessions.abort', { key: session.session_key });
  if (res?.status === 'no-active-run' || res?.aborted === false) throw new CommandError(alreadyFinished('no active run'));
  return { aborted: session.session_key };
};
