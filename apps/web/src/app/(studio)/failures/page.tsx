import { ShieldCheck } from 'lucide-react';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { TimeAgo } from '@/components/ui/time-ago';
import { loadFailureGroups } from '@/server/failures';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Failures' };

export default async function FailuresPage() {
  const groups = await loadFailureGroups(30);
  const total = groups.reduce((n, g) => n + g.count, 0);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-xl font-semibold">Failures</h1>
        <p className="text-sm text-muted-foreground">
          {total} failed runs in the last 30 days, grouped by what went wrong ({groups.length} distinct failures).
        </p>
      </div>
      <Card aria-label="Failure groups">
        {groups.length ? (
          <ul className="divide-y">
            {groups.map((g) => (
              <li key={`${g.category}|${g.signature}`} className="flex flex-col gap-2 px-4 py-3">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone="danger">{g.category.replace('_', ' ')}</Badge>
                  <span className="font-medium">{g.count}×</span>
                  <span className="text-xs text-muted-foreground">
                    first <TimeAgo date={g.firstSeen} /> · last{' '}
                    <Link href={`/cron/runs/${g.latestRunId}`} className="hover:underline">
                      <TimeAgo date={g.lastSeen} />
                    </Link>
                  </span>
                  <span className="ml-auto flex flex-wrap gap-1 text-xs">
                    {g.jobs.map((j) => (
                      <Link key={j.id} href={`/cron/${j.id}`} className="rounded border px-1.5 py-0.5 hover:bg-muted">
                        {j.name}
                      </Link>
                    ))}
                  </span>
                </div>
                <p className="font-mono text-xs break-words">{g.example}</p>
                <p className="text-sm text-muted-foreground">
                  <span className="font-medium text-foreground">Suggested fix: </span>
                  {g.advice}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState icon={<ShieldCheck />} title="No failures in 30 days">Failed runs are grouped here by cause, with a suggested fix.</EmptyState>
        )}
      </Card>
    </div>
  );
}
