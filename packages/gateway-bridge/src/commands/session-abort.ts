import { getAgentSession } from '@agent-studio/database';
import { CommandError, requireGateway, type CommandHandler } from './context';

export const abortSession: CommandHandler<'session.abort'> = async (ctx, payload) => {
  const session = await getAgentSession(ctx.db, payload.sessionId);
  if (!session) throw new CommandError('That session is not known to the studio.');
  if (session.status !== 'running') throw new CommandError(`The session has already finished (${session.status}).`);
  const gw = await requireGateway(ctx, 'sessions.abort');
  await gw.request('sessions.abort', { key: session.session_key });
  return { aborted: session.session_key };
};
