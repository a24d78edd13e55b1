import { CalendarCheck } from 'lucide-react';
import { scheduleAdvice, type AdviceJob } from '@agent-studio/core/schedule/advice';
import { listCronJobs, listRunsBetween } from '@agent-studio/database';
import { Card, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { getDb } from '@/server/db';
import { ApplySuggestion } from './apply-suggestion';

const HISTORY_DAYS = 14;

/**
 * Overlapping jobs, bad hours and concrete new schedules, from the enabled jobs and two weeks of runs: of
 * `gatewayId`, or of each gateway apart (jobs of two gateways run on their own machines: they never collide).
 */
export async function ScheduleAdvice({ gatewayId }: { gatewayId?: string }) {
  const db = await getDb();
  const now = new Date();
  const [jobs, runs] = await Promise.all([
    listCronJobs(db, { gatewayId }),
    listRunsBetween(db, {
      from: new Date(now.getTime() - HISTORY_DAYS * 86_400_000),
      to: now,
      limit: 20_000,
      gatewayId,
    }),
  ]);
  const active: (AdviceJob & { gatewayId: string })[] = jobs
    .filter((j) => j.enabled && !j.removed_at)
    .map((j) => ({
      gatewayId: j.gateway_id,
      id: j.id,
      name: j.name,
      kind: j.schedule_kind,
      expr: j.schedule,
      everyMs: Number(j.schedule_spec.everyMs ?? 0) || undefined,
      timezone: j.timezone,
    }));
  // a cancelled run says nothing about whether the hour suits the job
  const ran = runs
    .filter((r) => r.status !== 'running' && r.status !== 'cancelled')
    .map((r) => ({
      jobId: r.job_id,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      ok: r.status === 'completed',
    }));
  const perGateway = [...new Set(active.map((j) => j.gatewayId))].map((g) =>
    scheduleAdvice(
      active.filter((j) => j.gatewayId === g),
      ran,
      now,
    ),
  );
  const advice = {
    overlaps: perGateway.flatMap((a) => a.overlaps).sort((x, y) => y.perWeek - x.perWeek),
    hotHours: perGateway.flatMap((a) => a.hotHours),
    suggestions: perGateway.flatMap((a) => a.suggestions),
  };
  return (
    <section aria-labelledby="h-advice" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-baseline gap-x-3">
        <h2 id="h-advice" className="text-base font-semibold">
          Schedule advice
        </h2>
        <p className="text-sm text-muted-foreground">
          From the schedules of {active.length} enabled jobs and the runs of the last {HISTORY_DAYS} days
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card aria-label="Overlapping jobs">
          <CardHeader title="Overlapping jobs" />
          {advice.overlaps.length ? (
            <ul className="divide-y text-sm">
              {advice.overlaps.map((o) => (
                <li key={o.jobIds.join()} className="flex flex-wrap justify-between gap-2 px-4 py-2">
                  <span>
                    {o.names[0]} and {o.names[1]}
                  </span>
                  <span className="text-muted-foreground">
                    {o.perWeek}× a week{o.sameMinute ? ', same minute' : ', runs overlap'}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="p-4 text-sm text-muted-foreground">No two jobs run at the same time.</p>
          )}
        </Card>
        <Card aria-label="Bad hours">
          <CardHeader title="Hours to avoid" />
          {advice.hotHours.length ? (
            <ul className="divide-y text-sm">
              {advice.hotHours.map((h) => (
                <li key={h.jobId} className="px-4 py-2">
                  <span className="font-medium">{h.name}</span>: {h.reason}
                </li>
              ))}
            </ul>
          ) : (
            <p className="p-4 text-sm text-muted-foreground">No job fails more or runs slower at particular hours.</p>
          )}
        </Card>
        <Card aria-label="Suggestions" className="lg:col-span-2">
          <CardHeader title="Suggested schedules" />
          {advice.suggestions.length ? (
            <ul className="divide-y">
              {advice.suggestions.map((s) => (
                <li key={s.jobId} className="flex flex-col gap-2 px-4 py-3 text-sm md:flex-row md:items-center">
                  <div className="flex flex-1 flex-col gap-1">
                    <p>
                      <span className="font-medium">{s.name}</span>:{' '}
                      <code className="font-mono text-xs">{s.current}</code> →{' '}
                      <code className="font-mono text-xs font-semibold">{s.schedule}</code>{' '}
                      <span className="text-xs text-muted-foreground">({s.timezone})</span>
                    </p>
                    <p className="text-muted-foreground">
                      {s.why} {s.effect}
                    </p>
                  </div>
                  <ApplySuggestion jobId={s.jobId} name={s.name} schedule={s.schedule} timezone={s.timezone} />
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState icon={<CalendarCheck />} title="Nothing to change">
              The schedules spread the load well.
            </EmptyState>
          )}
        </Card>
      </div>
    </section>
  );
}
