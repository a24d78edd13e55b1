import { Bot, CalendarClock, ShieldCheck } from 'lucide-react';
import Link from '@/components/ui/link';
import { FailureFix } from '@/components/failures/failure-fix';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { plural } from '@/lib/format';
import { getDb } from '@/server/db';
import { loadFailureGroups } from '@/server/failures';
import { pageGateway } from '@/server/page-gateway';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Failures' };

const chip = 'inline-flex items-center gap-1 rounded border px-1.5 py-0.5 hover:bg-muted';

export default async function FailuresPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { gatewayId, selected } = await pageGateway(await getDb(), await searchParams);
  const { groups: all, runs, sessions } = await loadFailureGroups(30, gatewayId);
  // a cause the studio does not know yet is shown apart, whole, so a new one is seen the day it appears
  const groups = all.filter((g) => g.category !== 'unknown');
  const unknowns = all.filter((g) => g.category === 'unknown');
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Failures</h1>
        <p className="text-sm text-muted-foreground">
          {plural(runs + sessions, 'failure', 'failures')} in the last 30 days{selected ? ` on ${selected.name}` : ''} (
          {plural(runs, 'cron run', 'cron runs')}, {plural(sessions, 'agent session', 'agent sessions')}), grouped by
          what went wrong ({plural(all.length, 'distinct failure', 'distinct failures')}). Cancelled runs and sessions
          are not failures.
        </p>
      </div>
      <Card aria-label="Failure groups">
        {groups.length ? (
          <ul className="divide-y">
            {groups.map((g) => (
              <li key={`${g.category}|${g.signature}`} className="flex flex-col gap-2 px-4 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone="danger">{g.category.replaceAll('_', ' ')}</Badge>
                  <span className="font-medium">{g.count}×</span>
                  <span className="text-xs text-muted-foreground">
                    first <TimeAgo date={g.firstSeen} /> · last{' '}
                    <Link href={g.latestHref} className="hover:underline">
                      <TimeAgo date={g.lastSeen} />
                    </Link>
                  </span>
                  <span className="ml-auto flex flex-wrap gap-1 text-xs">
                    {g.jobs.map((j) => (
                      <Link key={j.id} href={`/cron/${j.id}`} className={chip}>
                        <CalendarClock className="size-3 text-muted-foreground" aria-hidden />
                        <span className="sr-only">job </span>
                        {j.name}
                      </Link>
                    ))}
                    {g.agents.map((a) => (
                      <Link key={a.name} href={`/agents/${a.sessionId}`} className={chip}>
                        <Bot className="size-3 text-muted-foreground" aria-hidden />
                        <span className="sr-only">agent </span>
                        {a.name}
                      </Link>
                    ))}
                  </span>
                </div>
                <p className="font-mono text-xs break-words">{g.example}</p>
                <FailureFix advice={g.advice} attempts={g.attempts} />
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState icon={<ShieldCheck />} title="No failures in 30 days">
            Failed cron runs and agent sessions that ended in error are grouped here by cause, with a suggested fix.
          </EmptyState>
        )}
      </Card>
      {unknowns.length > 0 && (
        <Card aria-label="Not recognised yet">
          <div className="border-b px-4 py-3">
            <h2 className="font-medium">Not recognised yet</h2>
            <p className="text-sm text-muted-foreground">
              Errors that fit no known cause, grouped by their text with numbers, ids and paths taken out.
            </p>
          </div>
          <ul className="divide-y">
            {unknowns.map((g) => (
              <li key={g.signature} className="flex flex-col gap-2 px-4 py-3">
                <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <Badge tone="neutral">unknown</Badge>
                  <span className="font-medium text-foreground">{g.count}×</span>
                  <span>
                    first <TimeAgo date={g.firstSeen} /> · last{' '}
                    <Link href={g.latestHref} className="hover:underline">
                      <TimeAgo date={g.lastSeen} />
                    </Link>
                  </span>
                  <span className="font-mono">signature: {g.signature}</span>
                </div>
                <pre className="max-h-40 overflow-auto rounded bg-muted p-2 font-mono text-xs whitespace-pre-wrap break-words">
                  {g.example}
                </pre>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
