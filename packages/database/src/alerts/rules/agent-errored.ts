import { z } from 'zod';
import { countTitle, defineRule } from '../rule';

/** An agent session that ended in an error; a moment, so it stays open for a window. */
export const agentErrored = defineRule({
  kind: 'agent_errored',
  label: 'Agent errored',
  description: 'An agent session ended with an error. Open for the chosen window after it happened.',
  params: z.object({ windowMinutes: z.number().min(1).max(1440).default(60) }),
  paramLabels: { windowMinutes: 'Keep open for (minutes)' },
  summary: (items) =>
    countTitle(
      items,
      (i) => `Agent session “${i.title}” errored`,
      (n) => `${n} agent sessions errored`,
    ),
  async findOpen(db, { windowMinutes }, now) {
    const rows = await db.query<{ id: string; agent_name: string; message: string | null }>(
      `select id, agent_name, coalesce(progress_message, final_output) as message from agent_sessions
        where status = 'error' and coalesce(completed_at, updated_at) > $1::timestamptz - make_interval(mins => $2)
        order by coalesce(completed_at, updated_at) limit 200`,
      [now, windowMinutes],
    );
    return rows.map((r) => ({
      key: r.id,
      title: r.agent_name,
      detail: (r.message ?? 'Ended with an error.').slice(0, 300),
    }));
  },
});
