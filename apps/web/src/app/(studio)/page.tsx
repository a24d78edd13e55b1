import { AlertTriangle, CalendarClock, FileText, Loader2, Radio } from 'lucide-react';
import Link from '@/components/ui/link';
import { CardBody, TitledCard } from '@/components/ui/card';
import { IconCard } from '@/components/ui/icon-card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { asSentence, contentTypeInWords, duration, plural } from '@/lib/format';
import { loadDashboard } from '@/server/dashboard';
import { DEFAULT_GATEWAY_ID } from '@agent-studio/database';
import { getDb } from '@/server/db';
import { pageGateway } from '@/server/page-gateway';
import { ActivityFeed } from './_components/activity-feed';
import { ChannelHealth, channelName } from './_components/channel-health';
import { FleetView } from './_components/fleet-view';
import { HealthStrip } from './_components/health-strip';
import { NextRunTime } from '@/components/cron/next-run';
import { MissedBadge, SuspiciousBadge } from '@/components/cron/watchdog-badges';
import { StatusBadge } from '@/components/status-badge';

export const dynamic = 'force-dynamic';

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { gatewayId, gateways, fleet, selected } = await pageGateway(await getDb(), await searchParams);
  const d = await loadDashboard(gatewayId, fleet ? gateways : undefined);
  const offline = d.health.gateway !== 'connected';
  // Connect OpenClaw sets up the studio's own (default) gateway; another has a bridge of its own
  const other = selected && selected.id !== DEFAULT_GATEWAY_ID ? selected.name : null;
  const inboxWaiting = d.inbox.failures + d.inbox.approvals;
  const channelsDown = d.channels.filter((c) => c.state === 'down');
  // the fleet's names, where the channels are of several gateways
  const names = fleet && !selected ? new Map(gateways.map((g) => [g.id, g.name])) : undefined;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-xl font-semibold">Dashboard</h1>
      <HealthStrip
        health={d.health}
        connectLink={!other}
        failing={d.failing.length}
        fleet={
          d.spent
            ? {
                spent: d.spent,
                gateways: d.gateways?.map(({ gateway: g }) => ({ name: g.name, state: g.state })) ?? null,
              }
            : undefined
        }
      />
      {d.gateways && <FleetView rows={d.gateways} />}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="flex min-w-0 flex-col gap-6 lg:col-span-2">
          <IconCard icon={AlertTriangle} iconClassName="text-danger" title="Needs attention">
            {offline ||
            d.failing.length ||
            d.missed.length ||
            d.suspicious.length ||
            inboxWaiting ||
            channelsDown.length ? (
              <ul className="divide-y">
                {offline && other && (
                  <li className="flex flex-col gap-1 px-4 py-3">
                    <span className="font-medium">The gateway {other} is not connected</span>
                    <span className="text-xs text-muted-foreground">
                      {d.health.gatewayDetail.error ?? 'Its bridge has not reached it yet.'} Nothing new is mirrored
                      from it until its bridge (agent-studio bridge --gateway {other}) does.
                    </span>
                  </li>
                )}
                {offline && !other && (
                  <li>
                    <Link href="/connect" className="flex flex-col gap-1 px-4 py-3 hover:bg-muted/50">
                      <span className="font-medium">OpenClaw is not connected</span>
                      <span className="text-xs text-muted-foreground">
                        {d.health.gatewayDetail.error ?? 'The studio has not reached the gateway yet.'} Nothing new is
                        mirrored until it is: open Connect OpenClaw for a step-by-step test.
                      </span>
                    </Link>
                  </li>
                )}
                {d.failing.map((j) => (
                  <li key={j.id}>
                    <Link href={`/cron/${j.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-muted/50">
                      <span className="flex items-center justify-between gap-2">
                        <span className="font-medium">{j.name}</span>
                        <span className="text-xs text-muted-foreground">
                          <TimeAgo date={j.last_run_at} />
                        </span>
                      </span>
                      {j.last_error && (
                        <span className="line-clamp-2 font-mono text-xs text-danger">{j.last_error}</span>
                      )}
                    </Link>
                  </li>
                ))}
                {d.missed.map((m) => (
                  <li key={`missed-${m.job_id}`}>
                    <Link href={`/cron/${m.job_id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-muted/50">
                      <span className="flex min-w-0 items-center gap-2">
                        <span className="truncate font-medium">{m.job_name}</span>
                        <MissedBadge count={m.count} />
                      </span>
                      <span className="text-xs text-muted-foreground">
                        The last one was expected <TimeAgo date={m.last_expected_at} />
                      </span>
                    </Link>
                  </li>
                ))}
                {d.suspicious.map((r) => (
                  <li key={`suspicious-${r.id}`}>
                    <Link href={`/cron/runs/${r.id}`} className="flex flex-col gap-1 px-4 py-3 hover:bg-muted/50">
                      <span className="flex items-center justify-between gap-2">
                        <span className="flex min-w-0 items-center gap-2">
                          <span className="truncate font-medium">{r.job_name}</span>
                          <SuspiciousBadge reason={r.suspicious_reason} />
                        </span>
                        <span className="shrink-0 text-xs text-muted-foreground">
                          <TimeAgo date={r.started_at} />
                        </span>
                      </span>
                      <span className="line-clamp-1 text-xs text-muted-foreground">
                        Reported success with {r.suspicious_reason}
                      </span>
                    </Link>
                  </li>
                ))}
                {channelsDown.map((c) => (
                  <li
                    key={`channel-${c.gateway_id}/${c.channel}/${c.account_id}`}
                    className="flex flex-col gap-1 px-4 py-3"
                  >
                    <span className="font-medium">
                      The {channelName(c)} channel is down{names ? ` on ${names.get(c.gateway_id) ?? 'a gateway'}` : ''}
                    </span>
                    <span className="text-xs text-muted-foreground">
                      {asSentence(c.error ?? 'OpenClaw reports it down')} The agents cannot send or receive through it
                      until it is back. Down since <TimeAgo date={c.state_since} />.
                    </span>
                  </li>
                ))}
                {inboxWaiting > 0 && (
                  <li>
                    <Link href="/inbox" className="flex flex-col gap-1 px-4 py-3 hover:bg-muted/50">
                      <span className="font-medium">
                        {[
                          d.inbox.failures && plural(d.inbox.failures, 'failure', 'failures'),
                          d.inbox.approvals && plural(d.inbox.approvals, 'approval', 'approvals'),
                        ]
                          .filter(Boolean)
                          .join(' and ')}{' '}
                        {inboxWaiting === 1 ? 'waits' : 'wait'} in the inbox
                      </span>
                      <span className="text-xs text-muted-foreground">
                        {d.inbox.approvals ? 'An agent is waiting on your decision. ' : ''}
                        {d.inbox.failures
                          ? 'Failures of the last 7 days you have not looked at yet, including some a later run has since recovered from.'
                          : ''}
                      </span>
                    </Link>
                  </li>
                )}
              </ul>
            ) : (
              <EmptyState title="Nothing needs you">
                Every enabled job succeeded on its last run, and no missed or suspicious run is waiting for a later run
                to succeed.
              </EmptyState>
            )}
          </IconCard>

          <IconCard icon={Radio} iconClassName="text-info" title="Running now">
            {d.runningRuns.length || d.runningSessions.length ? (
              <ul className="divide-y">
                {d.runningRuns.map((r) => (
                  <li key={r.id} className="flex items-center justify-between gap-2 px-4 py-3">
                    <Link href={`/cron/${r.job_id}`} className="flex items-center gap-2 font-medium hover:underline">
                      <Loader2 className="size-4 animate-spin text-info" aria-hidden />
                      {r.job_name}
                    </Link>
                    <span className="text-xs text-muted-foreground">
                      cron run · started <TimeAgo date={r.started_at} />
                    </span>
                  </li>
                ))}
                {d.runningSessions.map((s) => (
                  <li key={s.id} className="flex flex-col gap-0.5 px-4 py-3">
                    <span className="flex items-center justify-between gap-2">
                      <Link
                        href={`/agents/${s.id}`}
                        className="flex min-w-0 items-center gap-2 font-medium hover:underline"
                      >
                        <Loader2 className="size-4 shrink-0 animate-spin text-info" aria-hidden />
                        <span className="truncate">{s.agent_name}</span>
                      </Link>
                      <span className="shrink-0 text-xs text-muted-foreground">
                        {s.agent_type} · <TimeAgo date={s.started_at} />
                      </span>
                    </span>
                    {/* OpenClaw reports no percentage: its latest word is the progress there is */}
                    {s.progress_message && (
                      <span className="line-clamp-1 pl-6 text-xs text-muted-foreground">{s.progress_message}</span>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState title="Nothing is running">Runs and agents appear here the moment they start.</EmptyState>
            )}
          </IconCard>

          <IconCard
            icon={CalendarClock}
            iconClassName="text-muted-foreground"
            title="Next runs"
            action={
              <Link href="/cron" className="text-xs text-primary hover:underline">
                All jobs
              </Link>
            }
          >
            {d.nextRuns.length ? (
              <ul className="divide-y">
                {d.nextRuns.map((j) => (
                  <li key={j.id}>
                    <Link
                      href={`/cron/${j.id}`}
                      className="flex items-center justify-between gap-2 px-4 py-2.5 hover:bg-muted/50"
                    >
                      <span className="min-w-0">
                        <span className="block truncate font-medium">{j.name}</span>
                        <span className="font-mono text-xs text-muted-foreground">
                          {j.schedule}
                          {j.timezone ? ` · ${j.timezone}` : ''}
                        </span>
                      </span>
                      <span className="flex shrink-0 flex-col items-end gap-1 text-xs">
                        <NextRunTime at={j.nextRun} running={j.last_status === 'running'} now={d.now} />
                        <span className="flex items-center gap-1 text-muted-foreground">
                          last <StatusBadge status={j.last_status} /> {duration(j.last_duration_ms)}
                        </span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState title="No runs scheduled">
                Enabled OpenClaw cron jobs with a next run show up here.
              </EmptyState>
            )}
          </IconCard>
        </div>

        <div className="flex min-w-0 flex-col gap-6">
          <IconCard
            icon={FileText}
            iconClassName="text-warning"
            title="Waiting for review"
            action={
              d.reviewTotal ? (
                <Link href="/content?status=pending_review" className="text-xs text-primary hover:underline">
                  {d.reviewTotal} in queue
                </Link>
              ) : undefined
            }
          >
            {d.review.length ? (
              <ul className="divide-y">
                {d.review.map((o) => (
                  <li key={o.id}>
                    <Link href={`/content/${o.id}`} className="flex flex-col gap-0.5 px-4 py-2.5 hover:bg-muted/50">
                      <span className="line-clamp-1 font-medium">{o.title}</span>
                      <span className="text-xs text-muted-foreground">
                        {contentTypeInWords(o.content_type)} · priority {o.priority} · <TimeAgo date={o.created_at} />
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <CardBody>
                <EmptyState title="Inbox zero">
                  Content the agents write into the GTM folder waits here for your review.
                </EmptyState>
              </CardBody>
            )}
          </IconCard>
          <ChannelHealth channels={d.channels} gateways={names} />
          <TitledCard
            title="Live events"
            action={
              <Link href="/activity" className="text-xs text-primary hover:underline">
                Audit log of your actions
              </Link>
            }
          >
            <ActivityFeed events={d.feed} />
          </TitledCard>
        </div>
      </div>
    </div>
  );
}
