import { Bot, CheckCircle2, HardDrive, PlugZap, Unplug, Wallet } from 'lucide-react';
import Link from '@/components/ui/link';
import type { ReactNode } from 'react';
import { TimeAgo } from '@/components/ui/time-ago';
import { cn } from '@/lib/cn';
import { plural, usd } from '@/lib/format';
import type { Health } from '@/server/health';

function Tile({
  label,
  icon,
  tone = 'neutral',
  children,
  detail,
  wrap,
  className,
}: {
  label: string;
  icon: ReactNode;
  tone?: 'neutral' | 'good' | 'bad' | 'warn';
  children: ReactNode;
  detail?: ReactNode;
  /** The detail is a reason to read whole, not a figure. */ wrap?: boolean;
  className?: string;
}) {
  return (
    <div className={cn('flex min-w-0 items-start gap-3 rounded-lg border bg-card p-3', className)}>
      <div
        className={cn(
          'rounded-md p-2 [&_svg]:size-4',
          tone === 'good' && 'bg-success/15 text-success',
          tone === 'bad' && 'bg-danger/15 text-danger',
          tone === 'warn' && 'bg-warning/20 text-warning',
          tone === 'neutral' && 'bg-muted text-muted-foreground',
        )}
        aria-hidden
      >
        {icon}
      </div>
      <div className="min-w-0">
        <p className="text-xs text-muted-foreground">{label}</p>
        {/* a phone's tile is about 90 px wide inside: a word of the state must fit it */}
        <p className="text-base leading-tight font-semibold sm:text-lg">{children}</p>
        {detail && (
          // a figure cut on a narrow tile is read whole on hover
          <p
            className={cn('text-xs text-muted-foreground', wrap ? 'break-words' : 'truncate')}
            title={typeof detail === 'string' ? detail : undefined}
          >
            {detail}
          </p>
        )}
      </div>
    </div>
  );
}

const pct = (n: number | null) => (n == null ? '—' : `${n}%`);
// jobs whose last run failed, named as jobs: beside a success rate below 100%, "0 failing" read as no failed run
const jobsFailing = (n: number) => (n === 0 ? 'no job failing' : `${plural(n, 'job', 'jobs')} failing`);

/** In a fleet: what was spent today, and with every gateway shown, their states (the fleet view's rows). */
export interface FleetHealth {
  spent: { tokens: number; costUsd: number };
  gateways: { name: string; state: string }[] | null;
}

/**
 * The dashboard's health tiles: the gateway's state (in a fleet showing every gateway: how many are connected),
 * the cron success rate and `failing` (the jobs Needs attention lists), active agents, disk use, and in a fleet
 * what was spent today.
 */
export function HealthStrip({
  health,
  failing,
  fleet,
  connectLink = true,
}: {
  health: Health;
  failing: number;
  fleet?: FleetHealth;
  /** A gateway down links to Connect OpenClaw, which sets up the default gateway (not another's bridge). */
  connectLink?: boolean;
}) {
  const { cronHealth: cron, diskUsage: disk } = health;
  const rate = cron.last24hSuccessRate;
  const diskMax = Math.max(disk.workspaceDir ?? 0, disk.gtmDir ?? 0);
  return (
    <section
      aria-label="System health"
      className={cn('grid grid-cols-2 gap-3', fleet ? 'lg:grid-cols-5' : 'lg:grid-cols-4')}
    >
      {fleet?.gateways ? (
        <FleetTile gateways={fleet.gateways} />
      ) : (
        <GatewayTile health={health} connectLink={connectLink} />
      )}
      <Tile
        label="Cron success, 24 h"
        icon={<CheckCircle2 />}
        tone={rate == null ? 'neutral' : rate >= 95 ? 'good' : rate >= 80 ? 'warn' : 'bad'}
        detail={`${plural(cron.runs24h, 'run', 'runs')} · ${jobsFailing(failing)}`}
        // the jobs failing are read whole: a fleet's five tiles cut it to "1 job fa…"
        wrap
      >
        {pct(rate)}
      </Tile>
      <Tile
        label="Active agents"
        icon={<Bot />}
        tone={health.activeAgents ? 'good' : 'neutral'}
        detail={health.activeAgents ? 'working now' : 'none running'}
      >
        {health.activeAgents}
      </Tile>
      <Tile
        label="Disk use"
        icon={<HardDrive />}
        tone={diskMax >= 90 ? 'bad' : diskMax >= 75 ? 'warn' : 'neutral'}
        detail={`workspace ${pct(disk.workspaceDir)} · GTM ${pct(disk.gtmDir)}`}
      >
        {disk.workspaceDir == null && disk.gtmDir == null ? '—' : pct(diskMax)}
      </Tile>
      {fleet && (
        // the fifth tile has a phone's row to itself
        <Tile
          label="Spent today (UTC)"
          icon={<Wallet />}
          className="col-span-2 lg:col-span-1"
          detail={`${Math.round(fleet.spent.tokens).toLocaleString('en')} tokens`}
        >
          {usd(fleet.spent.costUsd)}
        </Tile>
      )}
    </section>
  );
}

function GatewayTile({ health, connectLink }: { health: Health; connectLink: boolean }) {
  const gw = health.gatewayDetail;
  const connected = health.gateway === 'connected';
  const host = gw.presence.find((p) => p.mode === 'gateway')?.host;
  return (
    <Tile
      label="Gateway"
      icon={connected ? <PlugZap /> : <Unplug />}
      tone={connected ? 'good' : 'bad'}
      wrap={!connected}
      detail={
        connected ? (
          gw.since && (
            <>
              {host ? `${host} · ` : ''}since <TimeAgo date={gw.since} />
            </>
          )
        ) : (
          <>
            {gw.since ? (
              <>
                down since <TimeAgo date={gw.since} />
                {gw.error ? `: ${gw.error}` : ''}
              </>
            ) : (
              'never connected'
            )}{' '}
            {connectLink && (
              <Link href="/connect" className="font-medium text-primary underline underline-offset-2">
                Connect OpenClaw
              </Link>
            )}
          </>
        )
      }
    >
      {/* two short words: 'Disconnected' did not fit a phone's tile */}
      {connected ? 'Connected' : 'Not connected'}
    </Tile>
  );
}

/** Every gateway of the fleet: how many are connected, naming those that are not. */
function FleetTile({ gateways }: { gateways: { name: string; state: string }[] }) {
  const away = gateways.filter((g) => g.state !== 'connected').map((g) => g.name);
  return (
    <Tile
      label="Gateways"
      icon={away.length ? <Unplug /> : <PlugZap />}
      tone={away.length ? 'bad' : 'good'}
      wrap={away.length > 0}
      detail={away.length ? `not connected: ${away.join(', ')}` : 'all connected'}
    >
      {gateways.length - away.length} of {gateways.length}
    </Tile>
  );
}
