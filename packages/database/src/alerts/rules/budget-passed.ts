import { z } from 'zod';
import { countTitle, defineRule } from '../rule';

/** A budget passed (the budget watcher's breaches); a breach is a moment, so it stays open for a window. */
export const budgetPassed = defineRule({
  kind: 'budget_passed',
  label: 'Budget passed',
  description: 'A run, session or day spent more than its budget. Open for the chosen window after it happened.',
  params: z.object({ windowMinutes: z.number().min(1).max(1440).default(60) }),
  paramLabels: { windowMinutes: 'Keep open for (minutes)' },
  summary: (items) =>
    countTitle(
      items,
      (i) => `Budget passed: ${i.title}`,
      (n) => `${n} budgets passed`,
    ),
  async findOpen(db, { windowMinutes }, now) {
    const rows = await db.query<{
      id: string;
      scope: string;
      target: string;
      name: string | null;
      tokens: string;
      cost_usd: string | null;
      action: string;
    }>(
      `select b.id, g.scope, g.target, coalesce(j.name, s.agent_name) as name, b.tokens, b.cost_usd, b.action
         from budget_breaches b join budgets g on g.id = b.budget_id
         left join cron_jobs j on g.scope = 'job' and j.id::text = g.target
         left join agent_sessions s on s.id = b.session_id
        where b.created_at > $1::timestamptz - make_interval(mins => $2)
        order by b.created_at`,
      [now, windowMinutes],
    );
    return rows.map((r) => ({
      key: r.id,
      title:
        r.scope === 'day'
          ? 'the daily budget'
          : r.scope === 'job'
            ? `job “${r.name ?? r.target}”`
            : `agent ${r.target}`,
      detail: `${Number(r.tokens).toLocaleString('en-US')} tokens${r.cost_usd ? `, $${Number(r.cost_usd).toFixed(2)}` : ''}; ${r.action === 'abort' ? 'stopped' : 'warned only'}.`,
    }));
  },
});
