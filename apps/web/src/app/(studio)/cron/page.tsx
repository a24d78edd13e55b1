import { CalendarClock, Search } from 'lucide-react';
import Link from '@/components/ui/link';
import { z } from 'zod';
import {
  listAgentIds,
  listCronCategories,
  listCronJobs,
  listMissedRuns,
  listRunsBetween,
  listSuspiciousRuns,
} from '@agent-studio/database';
import { NewJobButton } from '@/components/cron/new-job';
import { NextRunTime } from '@/components/cron/next-run';
import { MissedBadge, SuspiciousBadge } from '@/components/cron/watchdog-badges';
import { RunSparkline } from '@/components/run-sparkline';
import { StatusBadge } from '@/components/status-badge';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { FilterForm } from '@/components/ui/filter-form';
import { duration } from '@/lib/format';
import { nextRunOf, scheduleInWords } from '@/lib/schedule';
import { getDateFormat } from '@/server/date-format';
import { getDb } from '@/server/db';
import { gatewayOffers } from '@/server/gateway-methods';
import { pageGateway } from '@/server/page-gateway';
import { GatewayBadge } from '@/components/shell/gateway-badge';
import { CronTimeline } from './timeline';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Cron jobs' };

const filters = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  category: z.string().max(100).optional().catch(undefined),
});

export default async function CronPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const { q, category } = filters.parse(params);
  const db = await getDb();
  const { gatewayId, names, fleet } = await pageGateway(db, params);
  const now = Date.now();
  const dayAgo = new Date(now - 86_400_000);
  const [jobs, categories, runs, missed, suspicious, agents] = await Promise.all([
    listCronJobs(db, { search: q || undefined, category: category || undefined, gatewayId }),
    listCronCategories(db),
    listRunsBetween(db, { from: dayAgo, to: new Date(now), gatewayId }),
    listMissedRuns(db, { from: dayAgo }),
    listSuspiciousRuns(db, { since: dayAgo }),
    listAgentIds(db, { gatewayId }),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold">Cron jobs</h1>
        <div className="flex flex-wrap items-center gap-2">
          <FilterForm className="flex flex-wrap items-center gap-2" role="search">
            <label className="relative">
              <span className="sr-only">Search jobs</span>
              <Search
                className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground"
                aria-hidden
              />
              <input
                name="q"
                defaultValue={q}
                placeholder="Search name or message"
                className="h-9 w-56 rounded-md border bg-card pr-2 pl-8 text-sm"
              />
            </label>
            {categories.length > 0 && (
              <label>
                <span className="sr-only">Category</span>
                <select
                  name="category"
                  defaultValue={category ?? ''}
                  className="h-9 rounded-md border bg-card px-2 text-sm"
                >
                  <option value="">All categories</option>
                  {categories.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </label>
            )}
          </FilterForm>
          {(await gatewayOffers(db, 'cron.add')) && (
            <NewJobButton
              agents={[...new Set([...agents, ...jobs.flatMap((j) => (j.agent_id ? [j.agent_id] : []))])].sort()}
            />
          )}
        </div>
      </div>
      <Card aria-label="Timeline">
        <CardHeader title="Last 24 hours and next 24 hours" />
        <CronTimeline jobs={jobs} runs={runs} missed={missed} now={now} fmt={await getDateFormat()} />
      </Card>
      <Card aria-label="Jobs">
        {jobs.length ? (
          <ul className="divide-y">
            {jobs.map((j) => {
              const next = nextRunOf(j, new Date(now));
              // the badges warn of open findings only: one ends when a later run of the job succeeds
              const jobMissed = missed.filter((m) => m.job_id === j.id && !m.ended_at);
              return (
                <li key={j.id}>
                  <Link
                    href={`/cron/${j.id}`}
                    className="grid gap-2 px-4 py-3 hover:bg-muted/50 md:grid-cols-[minmax(0,2fr)_minmax(0,1.4fr)_8rem_9rem_7rem] md:items-center"
                  >
                    <span className="min-w-0">
                      <span className="flex items-center gap-2 font-medium">
                        <span className="truncate">{j.name}</span>
                        {fleet && <GatewayBadge name={names.get(j.gateway_id)} />}
                        {j.source === 'host' && <Badge>host cron</Badge>}
                        {!j.enabled && <Badge>paused</Badge>}
                        <MissedBadge count={jobMissed.length} lastExpected={jobMissed[0]?.expected_at} />
                        <SuspiciousBadge
                          reason={suspicious.find((r) => r.job_id === j.id && !r.ended_at)?.suspicious_reason ?? null}
                        />
                      </span>
                      {j.last_status === 'failed' && j.last_error && (
                        <span className="line-clamp-1 font-mono text-xs text-danger">{j.last_error}</span>
                      )}
                    </span>
                    <span className="min-w-0 text-sm">
                      <span className="block truncate">{scheduleInWords(j)}</span>
                      <span className="font-mono text-xs text-muted-foreground">
                        {j.schedule}
                        {j.timezone ? ` · ${j.timezone}` : ''}
                      </span>
                    </span>
                    <span className="text-sm">
                      <span className="text-xs text-muted-foreground md:hidden">Next: </span>
                      <NextRunTime at={next} running={j.last_status === 'running'} now={now} />
                    </span>
                    <span className="flex items-center gap-2 text-sm">
                      <StatusBadge status={j.last_status} />
                      <span className="text-xs text-muted-foreground">{duration(j.last_duration_ms)}</span>
                    </span>
                    <RunSparkline runs={j.recent_runs} />
                  </Link>
                </li>
              );
            })}
          </ul>
        ) : (
          <EmptyState icon={<CalendarClock />} title={q || category ? 'No job matches' : 'No cron jobs yet'}>
            {q || category
              ? 'Try another search or category.'
              : 'Jobs you create here (New job) or in OpenClaw (openclaw cron add), and the lines of the crontabs the studio reads (STUDIO_HOST_CRONTABS), appear here as soon as the bridge sees them.'}
          </EmptyState>
        )}
      </Card>
    </div>
  );
}
