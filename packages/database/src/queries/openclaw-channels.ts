// OpenClaw's chat channels (telegram, whatsapp, …) and their state, mirrored from the gateway's `channels.status`
// by the bridge: one row per channel account; a change of state is one `openclaw.channel.updated` event.
import { channelFor } from '@agent-studio/core';
import type { Queryable } from '../db';
import { appendEvent } from './events';
import { DEFAULT_GATEWAY_ID } from './gateways';

export type ChannelState = 'up' | 'down' | 'off';

export interface OpenclawChannelRow {
  source: string;
  channel: string;
  account_id: string;
  label: string | null;
  state: ChannelState;
  error: string | null;
  detail: Record<string, unknown>;
  checked_at: Date;
  state_since: Date;
  gateway_id: string;
}

export interface ChannelStateInput {
  channel: string;
  accountId: string;
  label: string | null;
  state: ChannelState;
  error: string | null;
  detail: Record<string, unknown>;
}

/**
 * Records the whole list the gateway gave (channels it no longer lists are removed); returns the channels whose
 * state or error changed (each with an event).
 */
export async function recordChannelStates(
  tx: Queryable,
  source: string,
  channels: readonly ChannelStateInput[],
  at: Date = new Date(),
  gatewayId: string = DEFAULT_GATEWAY_ID,
): Promise<OpenclawChannelRow[]> {
  const changed: OpenclawChannelRow[] = [];
  for (const c of channels) {
    const [row] = await tx.query<OpenclawChannelRow & { changed: boolean }>(
      `with before as (select state, error from openclaw_channels
                        where gateway_id = $9 and source = $1 and channel = $2 and account_id = $3)
       insert into openclaw_channels (source, channel, account_id, label, state, error, detail, checked_at, state_since, gateway_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)
       on conflict (gateway_id, source, channel, account_id) do update
         set label = excluded.label, state = excluded.state, error = excluded.error, detail = excluded.detail,
             checked_at = excluded.checked_at,
             state_since = case when openclaw_channels.state = excluded.state then openclaw_channels.state_since
                                else excluded.checked_at end
       returning *, not exists (select 1 from before b where b.state = $5 and b.error is not distinct from $6) as changed`,
      [source, c.channel, c.accountId, c.label, c.state, c.error, JSON.stringify(c.detail), at, gatewayId],
    );
    if (row!.changed) {
      changed.push(row!);
      await appendEvent(tx, channelFor.system(), 'openclaw.channel.updated', {
        channel: c.channel,
        accountId: c.accountId,
        state: c.state,
        error: c.error,
      });
    }
  }
  await tx.query(
    `delete from openclaw_channels where gateway_id = $4 and source = $1
       and not ((channel, account_id) in (select * from unnest($2::text[], $3::text[])))`,
    [source, channels.map((c) => c.channel), channels.map((c) => c.accountId), gatewayId],
  );
  return changed;
}

/** OpenClaw's channels, of one gateway (`gatewayId`) or of all. */
export async function listOpenclawChannels(db: Queryable, gatewayId?: string): Promise<OpenclawChannelRow[]> {
  return db.query<OpenclawChannelRow>(
    'select * from openclaw_channels where $1::uuid is null or gateway_id = $1 order by channel, account_id, gateway_id',
    [gatewayId ?? null],
  );
}
