import { MessagesSquare } from 'lucide-react';
import type { ChannelState, OpenclawChannelRow } from '@agent-studio/database';
import { GatewayBadge } from '@/components/shell/gateway-badge';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { CardBody } from '@/components/ui/card';
import { IconCard } from '@/components/ui/icon-card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';

const TONE: Record<ChannelState, BadgeTone> = { up: 'success', down: 'danger', off: 'neutral' };
const WORD: Record<ChannelState, string> = { up: 'up', down: 'down', off: 'off' };

/** A channel's name as OpenClaw labels it ("WhatsApp"), else its id. */
export const channelName = (c: OpenclawChannelRow) => c.label ?? c.channel;

/**
 * OpenClaw's chat channels (telegram, whatsapp…) and whether each is up, as the bridge last read them from the
 * gateway's `channels.status` (each minute; a change is a live event, so this card follows). `gateways`: the
 * fleet's names, when the channels are of several gateways.
 */
export function ChannelHealth({
  channels,
  gateways,
}: {
  channels: OpenclawChannelRow[];
  gateways?: ReadonlyMap<string, string>;
}) {
  const down = channels.filter((c) => c.state === 'down').length;
  return (
    <IconCard
      icon={MessagesSquare}
      iconClassName="text-muted-foreground"
      title="OpenClaw channels"
      action={
        down ? (
          <span className="text-xs font-medium text-danger">{down} down</span>
        ) : channels.length ? (
          <span className="text-xs text-muted-foreground">all up</span>
        ) : undefined
      }
    >
      {channels.length ? (
        <ul className="divide-y">
          {channels.map((c) => (
            <li
              key={`${c.gateway_id}/${c.channel}/${c.account_id}`}
              data-channel={c.channel}
              className="flex flex-col gap-0.5 px-4 py-2.5 text-sm"
            >
              <span className="flex items-center gap-2">
                <span className="min-w-0 truncate font-medium">{channelName(c)}</span>
                {c.account_id !== 'default' && <span className="text-xs text-muted-foreground">{c.account_id}</span>}
                {gateways && <GatewayBadge name={gateways.get(c.gateway_id)} />}
                <Badge tone={TONE[c.state]} className="ml-auto">
                  {WORD[c.state]}
                </Badge>
              </span>
              <span className="text-xs text-muted-foreground">
                {c.error ? <span className="text-danger">{c.error} · </span> : null}
                {c.state} since <TimeAgo date={c.state_since} />
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <CardBody>
          <EmptyState title="No channels">
            Chat channels set up in OpenClaw (Telegram, WhatsApp, Slack…) show here with their state.
          </EmptyState>
        </CardBody>
      )}
    </IconCard>
  );
}
