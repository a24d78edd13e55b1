import { z } from 'zod';
import type { Queryable } from '../../db';
import { countTitle, defineRule } from '../rule';

const kindWord = (kind: string) => (kind === 'exec' ? 'command' : 'plugin action');

/**
 * OpenClaw holds a command or plugin action until the owner answers (the inbox); resolved when none waits.
 * An item's key is the approval's id: a message about it carries `createApprovalLink` (one-time, sign-in).
 */
export const approvalWaiting = defineRule({
  kind: 'approval_waiting',
  label: 'Approval waiting',
  description:
    'An OpenClaw agent waits for your approval of a command or plugin action. Resolved when none waits (answered or expired).',
  params: z.object({ delayMinutes: z.number().min(0).max(1440).default(0) }),
  paramLabels: { delayMinutes: 'Waiting for more than (minutes)' },
  summary: (items) =>
    countTitle(
      items,
      (i) => `Approval waiting: ${i.title}`,
      (n) => `${n} approvals waiting`,
    ),
  async opensAt(db: Queryable, { delayMinutes }, now) {
    if (!delayMinutes) return null;
    const [row] = await db.query<{ at: Date | null }>(
      `select min(requested_at) as at from approvals
        where status = 'pending' and (expires_at is null or expires_at > $1)`,
      [now],
    );
    return row?.at ? new Date(row.at.getTime() + delayMinutes * 60_000) : null;
  },
  async findOpen(db: Queryable, { delayMinutes }, now) {
    const rows = await db.query<{
      id: string;
      kind: string;
      title: string;
      agent_id: string | null;
      session_key: string | null;
      expires_at: Date | null;
    }>(
      `select id, kind, title, agent_id, session_key, expires_at from approvals
        where status = 'pending' and (expires_at is null or expires_at > $1) and requested_at <= $2
        order by requested_at limit 200`,
      [now, new Date(now.getTime() - delayMinutes * 60_000)],
    );
    return rows.map((r) => ({
      key: r.id,
      title: r.title.length > 120 ? `${r.title.slice(0, 119)}…` : r.title,
      detail: [
        `A ${kindWord(r.kind)} waits for your approval`,
        r.agent_id ? ` (agent ${r.agent_id}${r.session_key ? `, session ${r.session_key}` : ''})` : '',
        r.expires_at ? `; it expires at ${r.expires_at.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '',
        '.',
      ].join(''),
    }));
  },
});
