import { TransitionError, updateGtmOutput } from '@agent-studio/database';
import { CommandError, type CommandHandler } from './context';

/**
 * Marks content published at its URL, for the owner or the scheduler. The studio owns this state; outgoing
 * webhooks hang off its event. Run twice (a retried command), the second run changes nothing.
 */
export const publishGtmOutput: CommandHandler<'gtm.publish'> = async (ctx, payload, cmd) => {
  const actor = payload.actor ?? { kind: 'owner' as const, id: cmd.requested_by, name: 'owner' };
  try {
    const row = await ctx.db.transaction((tx) =>
      updateGtmOutput(tx, payload.outputId, { status: 'published', publishedUrl: payload.url, actor }),
    );
    if (!row) throw new CommandError('That content item no longer exists.');
    return { outputId: row.id, status: row.status, publishedUrl: row.published_url };
  } catch (err) {
    if (err instanceof TransitionError) throw new CommandError(err.message);
    throw err;
  }
};
