import Link from '@/components/ui/link';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { contentTypeInWords } from '@/lib/format';
import type { Dashboard } from '@/server/dashboard';

type FeedEvent = Dashboard['feed'][number];

/** One line of words per event. */
function describe(e: FeedEvent): { text: string; href?: string; tone?: 'bad' } {
  const p = e.payload as Record<string, unknown>;
  switch (e.type) {
    case 'cron.run.completed':
      if (p.status === 'success') return { text: `${e.jobName ?? 'A job'} finished`, href: `/cron/${String(p.jobId)}` };
      if (p.status === 'cancelled')
        return { text: `${e.jobName ?? 'A job'} was cancelled`, href: `/cron/${String(p.jobId)}` };
      return { text: `${e.jobName ?? 'A job'} failed`, href: `/cron/${String(p.jobId)}`, tone: 'bad' };
    case 'agent.session.created':
      return { text: `Agent ${String(p.agentName)} started`, href: `/agents/${String(p.sessionId)}` };
    case 'gtm.output.created':
      return {
        text: `New ${contentTypeInWords(String(p.type))}: ${String(p.title)}`,
        href: `/content/${String(p.outputId)}`,
      };
    case 'gtm.output.status_changed':
      return { text: `Content moved to ${String(p.status).replace('_', ' ')}`, href: `/content/${String(p.outputId)}` };
    case 'gateway.status': {
      const gateway = e.gatewayName ? `Gateway ${e.gatewayName}` : 'Gateway';
      return p.connected ? { text: `${gateway} connected` } : { text: `${gateway} disconnected`, tone: 'bad' };
    }
    case 'cron.job.removed':
      return { text: 'A job was removed from OpenClaw' };
    default:
      return { text: e.type };
  }
}

export function ActivityFeed({ events }: { events: FeedEvent[] }) {
  if (!events.length)
    return (
      <EmptyState title="No events yet">What the jobs, agents and gateway do appears here as it happens.</EmptyState>
    );
  return (
    <ol className="divide-y text-sm">
      {events.map((e) => {
        const d = describe(e);
        const text = <span className={d.tone === 'bad' ? 'text-danger' : undefined}>{d.text}</span>;
        return (
          <li key={e.id} data-event-id={e.id} className="flex items-baseline justify-between gap-3 px-4 py-2">
            {d.href ? (
              <Link href={d.href} className="min-w-0 truncate hover:underline">
                {text}
              </Link>
            ) : (
              <span className="min-w-0 truncate">{text}</span>
            )}
            <span className="shrink-0 text-xs text-muted-foreground">
              <TimeAgo date={e.createdAt} />
            </span>
          </li>
        );
      })}
    </ol>
  );
}
