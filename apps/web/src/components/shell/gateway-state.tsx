import { PlugZap, Unplug } from 'lucide-react';
import Link from '@/components/ui/link';
import { DEFAULT_GATEWAY_ID, getCheckpoint, type GatewayRow } from '@agent-studio/database';
import { cn } from '@/lib/cn';
import { getDb } from '@/server/db';

interface GatewayStatus {
  connected: boolean;
  version: string | null;
  error: string | null;
}

/**
 * The header's OpenClaw state, apart from its Live dot (which is this page's stream from the studio): whether
 * the bridge is connected to the gateway the page shows, linking to where it is set up (Connect OpenClaw for
 * the default one, its dashboard for another of a fleet); with a fleet shown whole, how many are connected.
 * Re-rendered with the page on each live update, the `gateway.status` event among them.
 */
export async function GatewayState({ gateways, selected }: { gateways: GatewayRow[]; selected: GatewayRow | null }) {
  if (gateways.length > 1 && !selected) {
    const down = gateways.filter((g) => g.state !== 'connected');
    return (
      <StateLink
        href="/"
        connected={!down.length}
        name={down.length ? 'OpenClaw gateways not all connected' : 'OpenClaw gateways connected'}
        title={
          down.length
            ? `${gateways.length - down.length} of ${gateways.length} OpenClaw gateways connected; not: ${down.map((g) => g.name).join(', ')}`
            : `All ${gateways.length} OpenClaw gateways connected`
        }
        text={
          down.length
            ? `${down.length} of ${gateways.length} offline`
            : `OpenClaw ${gateways.length}/${gateways.length}`
        }
      />
    );
  }
  const status = await getCheckpoint<GatewayStatus>(await getDb(), 'gateway', 'status', selected?.id);
  const connected = Boolean(status?.connected);
  const which = selected ? ` ${selected.name}` : ''; // chosen only where there are several
  const name = `OpenClaw${which} ${connected ? 'connected' : 'not connected'}`;
  const detail = connected ? status?.version && ` (${status.version})` : status?.error && `: ${status.error}`;
  return (
    <StateLink
      href={
        selected && selected.id !== DEFAULT_GATEWAY_ID ? `/?gateway=${encodeURIComponent(selected.name)}` : '/connect'
      }
      connected={connected}
      name={name}
      title={`${name}${detail || ''}`}
      text={connected ? `OpenClaw${which}` : `OpenClaw${which} offline`}
    />
  );
}

function StateLink(p: { href: string; connected: boolean; name: string; title: string; text: string }) {
  return (
    <Link
      href={p.href}
      title={p.title}
      aria-label={p.name}
      className={cn(
        'inline-flex min-h-9 items-center gap-1.5 rounded-md px-2 text-xs hover:bg-muted [&_svg]:size-4',
        p.connected ? 'text-muted-foreground' : 'font-medium text-danger',
      )}
    >
      {p.connected ? <PlugZap className="text-success" aria-hidden /> : <Unplug aria-hidden />}
      <span className="hidden sm:inline">{p.text}</span>
    </Link>
  );
}
