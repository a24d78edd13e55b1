import { Server } from 'lucide-react';
import type { ReactNode } from 'react';
import Link from '@/components/ui/link';
import { Badge } from '@/components/ui/badge';
import { IconCard } from '@/components/ui/icon-card';
import { TimeAgo } from '@/components/ui/time-ago';
import { cn } from '@/lib/cn';
import { usd } from '@/lib/format';
import { GATEWAY_PARAM } from '@/lib/gateway-filter';
import type { FleetRow } from '@/server/fleet';

// name, state, version, then the three figures: one line each on a desktop, under the name on a phone
const COLUMNS = 'md:grid md:grid-cols-[minmax(0,2fr)_minmax(0,1.6fr)_minmax(0,1fr)_5.5rem_5.5rem_6rem] md:gap-3';

/** A figure with its name: the column header names it on a desktop, its own words on a phone. */
function Figure({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <span className={cn('text-xs md:text-right md:text-sm', className)}>
      <span className="text-muted-foreground md:sr-only">{label} </span>
      <span className="font-medium tabular-nums">{children}</span>
    </span>
  );
}

/**
 * The fleet on the dashboard (several gateways, none chosen): each gateway's state, OpenClaw version, jobs
 * failing, active agents and what it spent today, linking to the dashboard filtered to it. Live: the dashboard is
 * rendered again on each event (a gateway's status, a run, a session), these rows with it.
 */
export function FleetView({ rows }: { rows: FleetRow[] }) {
  return (
    <IconCard icon={Server} iconClassName="text-muted-foreground" title="Gateways">
      <div aria-hidden className={cn(COLUMNS, 'hidden border-b px-4 py-2 text-xs font-medium text-muted-foreground')}>
        <span>Gateway</span>
        <span>State</span>
        <span>OpenClaw</span>
        <span className="text-right">Jobs failing</span>
        <span className="text-right">Active agents</span>
        <span className="text-right">Spent today</span>
      </div>
      <ul className="divide-y">
        {rows.map(({ gateway: g, failing, activeAgents, spent }) => {
          const connected = g.state === 'connected';
          return (
            <li key={g.id} data-gateway-row={g.name}>
              <Link
                href={`/?${new URLSearchParams({ [GATEWAY_PARAM]: g.name })}`}
                className={cn(COLUMNS, 'flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 hover:bg-muted/50')}
              >
                <span className="w-full min-w-0 md:w-auto">
                  <span className="block truncate font-medium">{g.name}</span>
                  {g.host && <span className="block truncate text-xs text-muted-foreground">{g.host}</span>}
                </span>
                <span className="flex min-w-0 flex-wrap items-center gap-x-2 text-xs">
                  <Badge tone={connected ? 'success' : 'danger'}>{connected ? 'Connected' : 'Not connected'}</Badge>
                  <span className="text-muted-foreground">
                    {g.last_seen_at ? (
                      <>
                        seen <TimeAgo date={g.last_seen_at} />
                      </>
                    ) : (
                      'never seen'
                    )}
                  </span>
                </span>
                <Figure label="OpenClaw" className="md:text-left">
                  {g.openclaw_version ?? '—'}
                </Figure>
                <Figure label="Jobs failing" className={failing ? 'text-danger' : undefined}>
                  {failing}
                </Figure>
                <Figure label="Active agents">{activeAgents}</Figure>
                <Figure label="Spent today">{usd(spent.costUsd)}</Figure>
              </Link>
            </li>
          );
        })}
      </ul>
    </IconCard>
  );
}
