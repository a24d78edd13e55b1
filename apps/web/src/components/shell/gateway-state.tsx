import { PlugZap, Unplug } from 'lucide-react';
import Link from '@/components/ui/link';
import { getCheckpoint } from '@agent-studio/database';
import { cn } from '@/lib/cn';
import { getDb } from '@/server/db';

interface GatewayStatus {
  connected: boolean;
  version: string | null;
  error: string | null;
}

/**
 * The header's OpenClaw state, apart from its Live dot (which is this page's stream from the studio): whether
 * the bridge is connected to the gateway, linking to Connect OpenClaw. Re-rendered with the page on each
 * live update, the `gateway.status` event among them.
 */
export async function GatewayState() {
  const status = await getCheckpoint<GatewayStatus>(await getDb(), 'gateway', 'status');
  const connected = Boolean(status?.connected);
  const label = connected
    ? `OpenClaw connected${status?.version ? ` (${status.version})` : ''}`
    : `OpenClaw not connected${status?.error ? `: ${status.error}` : ''}`;
  return (
    <Link
      href="/connect"

      title={label}
      aria-label={connected ? 'OpenClaw connected' : 'OpenClaw not connected'}
      className={cn(
        'inline-flex min-h-9 items-center gap-1.5 rounded-md px-2 text-xs hover:bg-muted [&_svg]:size-4',
        connected ? 'text-muted-foreground' : 'font-medium text-danger',
      )}
    >
      {connected ? <PlugZap className="text-success" aria-hidden /> : <Unplug aria-hidden />}
      <span className="hidden sm:inline">{connected ? 'OpenClaw' : 'OpenClaw offline'}</span>
    </Link>
  );
}
