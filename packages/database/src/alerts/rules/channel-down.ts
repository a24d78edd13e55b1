import { z } from 'zod';
import type { Queryable } from '../../db';
import { countTitle, defineRule } from '../rule';

/**
 * One of OpenClaw's chat channels (Telegram, WhatsApp…) is down, as the gateway's `channels.status` says (read
 * by the bridge each minute), for longer than the delay. Never sent only through the gateway: a message sent
 * through a dead channel would not arrive.
 */
export const channelDown = defineRule({
  kind: 'openclaw_channel_down',
  label: 'OpenClaw channel down',
  description:
    'A chat channel set up in OpenClaw (Telegram, WhatsApp, Slack…) is down for longer than the delay. Resolved when it is back up.',
  params: z.object({ delayMinutes: z.number().min(0).max(1440).default(5) }),
  paramLabels: { delayMinutes: 'Down for more than (minutes)' },
  aboutGateway: true,
  summary: (items) =>
    countTitle(
      items,
      (i) => `OpenClaw channel down: ${i.title}`,
      (n) => `${n} OpenClaw channels down`,
    ),
  async opensAt(db: Queryable, { delayMinutes }) {
    const [row] = await db.query<{ at: Date | null }>(
      `select min(state_since) as at from openclaw_channels where state = 'down'`,
    );
    return row?.at ? new Date(row.at.getTime() + delayMinutes * 60_000) : null;
  },
  async findOpen(db: Queryable, { delayMinutes }, now) {
    const rows = await db.query<{
      channel: string;
      account_id: string;
      label: string | null;
      error: string | null;
      state_since: Date;
    }>(
      `select channel, account_id, label, error, state_since from openclaw_channels
        where state = 'down' and state_since <= $1 order by channel, account_id`,
      [new Date(now.getTime() - delayMinutes * 60_000)],
    );
    return rows.map((r) => ({
      key: `${r.channel}/${r.account_id}`,
      title: r.label ?? r.channel,
      detail: `Down since ${r.state_since.toISOString().slice(0, 16).replace('T', ' ')} UTC${r.error ? `: ${r.error}` : ''}.`,
    }));
  },
});
