import { ArrowLeft } from 'lucide-react';
import Link from '@/components/ui/link';
import { getCronJob, listBudgets, listCronRuns, listMissedRuns } from '@agent-studio/database';
import { BudgetForm } from '@/components/budgets/budget-form';
import { NextRunTime } from '@/components/cron/next-run';
import { LocalTime } from '@/components/dates/date-format';
import { FindingEnded, MissedBadge } from '@/components/cron/watchdog-badges';
import { StatusBadge } from '@/components/status-badge';
import { Badge } from '@/components/ui/badge';
import { GatewayBadge } from '@/components/shell/gateway-badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { TimeAgo } from '@/components/ui/time-ago';
import { duration } from '@/lib/format';
import { scheduleInWords, upcomingRuns } from '@/lib/schedule';
import { gatewayOffers } from '@/server/gateway-methods';
import { rowOr404 } from '@/server/page-data';
import { pageGateway } from '@/server/page-gateway';
import { toCronRun } from '@/server/api/serialize';
import { toBudget } from '@/server/api/serialize';
import { DurationChart } from './duration-chart';
import { DeleteJobButton } from './delete-button';
import { EditJob, type EditableJob } from './edit-job';
import { RunHistory } from './run-history';
import { PauseButton } from './pause-button';
import { RunNowButton } from './run-now-button';

export const dynamic = 'force-dynamic';

export default async function JobPage(props: { params: Promise<{ id: string }> }) {
  const { db, row: job } = await rowOr404(props.params, getCronJob);
  const [runs, missed, [budget], { names, fleet }] = await Promise.all([
    listCronRuns(db, { jobId: job.id, limit: 100 }),
    listMissedRuns(db, { jobId: job.id, from: new Date(Date.now() - 86_400_000) }),
    listBudgets(db, { scope: 'job', target: job.id }),
    pageGateway(db),
  ]);
  const now = new Date();
  const upcoming = job.removed_at ? [] : upcomingRuns(job, 5, now);
  const openMissed = missed.filter((m) => !m.ended_at);
  // a host-cron job is a crontab line: a shell command run as a user, edited in its file (not from here)
  const host = job.source === 'host';
  const line = job.payload as { user?: string | null; file?: string; line?: number };
  const spec = job.schedule_spec;
  const messageKey = job.payload.kind === 'agentTurn' ? 'message' : job.payload.kind === 'systemEvent' ? 'text' : null;
  const editable: EditableJob = {
    id: job.id,
    name: job.name,
    kind: job.schedule_kind,
    expr: job.schedule_kind === 'cron' ? job.schedule : '0 9 * * *',
    everyMs: typeof spec.everyMs === 'number' ? spec.everyMs : null,
    at:
      typeof spec.at === 'string' ? spec.at : typeof spec.atMs === 'number' ? new Date(spec.atMs).toISOString() : null,
    timezone: job.timezone,
    message: messageKey ? String(job.payload[messageKey] ?? '') : null,
  };
  return (
    <div className="flex flex-col gap-4">
      <Link href="/cron" className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> Cron jobs
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{job.name}</h1>
        <StatusBadge status={job.last_status} />
        {fleet && <GatewayBadge name={names.get(job.gateway_id)} />}
        {host && <Badge>host cron</Badge>}
        {!job.enabled && !job.removed_at && <Badge>paused</Badge>}
        <MissedBadge count={openMissed.length} lastExpected={openMissed[0]?.expected_at} />
        {job.removed_at && <Badge tone="danger">{host ? 'removed from the crontab' : 'removed from OpenClaw'}</Badge>}
        {!job.removed_at && (
          <div className="ml-auto flex flex-wrap items-center gap-2">
            {!host && <EditJob job={editable} />}
            {!host && <PauseButton jobId={job.id} jobName={job.name} enabled={job.enabled} />}
            <RunNowButton jobId={job.id} jobName={job.name} host={host} />
            {!host && (await gatewayOffers(db, 'cron.remove')) && <DeleteJobButton jobId={job.id} jobName={job.name} />}
          </div>
        )}
      </div>
      {!job.enabled && job.paused_reason && (
        <p role="note" className="rounded-md border border-warning/50 bg-warning/10 px-3 py-2 text-sm">
          {job.paused_reason}
        </p>
      )}
      {job.description && <p className="text-sm text-muted-foreground">{job.description}</p>}
      <div className="grid gap-4 md:grid-cols-3">
        <Card className="md:col-span-2" aria-label="Details">
          <CardHeader title="Details" />
          <CardBody>
            <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Schedule</dt>
              <dd>
                {scheduleInWords(job)} <span className="font-mono text-xs text-muted-foreground">({job.schedule})</span>
              </dd>
              <dt className="text-muted-foreground">Time zone</dt>
              <dd>{job.timezone ?? 'gateway default'}</dd>
              <dt className="text-muted-foreground">{host ? 'Command' : 'Message'}</dt>
              <dd className="font-mono text-xs break-words whitespace-pre-wrap">{job.command}</dd>
              {host ? (
                <>
                  <dt className="text-muted-foreground">Runs as</dt>
                  <dd>{line.user ?? 'the crontab’s owner'}</dd>
                  <dt className="text-muted-foreground">Crontab</dt>
                  <dd className="font-mono text-xs break-all">
                    {line.file ? `${line.file}:${line.line}` : 'none: recorded by agent-studio exec'}
                  </dd>
                </>
              ) : (
                <>
                  <dt className="text-muted-foreground">Agent</dt>
                  <dd>{job.agent_id ?? '—'}</dd>
                </>
              )}
              <dt className="text-muted-foreground">Last run</dt>
              <dd>
                <TimeAgo date={job.last_run_at} /> · {duration(job.last_duration_ms)}
              </dd>
              {missed.length > 0 && (
                <>
                  <dt className="text-muted-foreground">Missed (24 h)</dt>
                  <dd>
                    <ul className="flex flex-col gap-0.5">
                      {missed.map((m) => (
                        <li key={m.id}>
                          <LocalTime
                            date={m.expected_at}
                            timeZone={job.timezone}
                            className={m.ended_at ? undefined : 'text-warning'}
                          />{' '}
                          <FindingEnded endedAt={m.ended_at} runId={m.ended_by_run_id} timeZone={job.timezone} />
                        </li>
                      ))}
                    </ul>
                  </dd>
                </>
              )}
              {job.last_error && (
                <>
                  <dt className="text-muted-foreground">Last error</dt>
                  <dd className="font-mono text-xs break-words text-danger">{job.last_error}</dd>
                </>
              )}
            </dl>
          </CardBody>
        </Card>
        <Card aria-label="Next runs">
          <CardHeader title="Next runs" />
          <CardBody>
            {upcoming.length ? (
              <ol className="flex flex-col gap-1 text-sm">
                {upcoming.map((d, i) => (
                  <li key={d.toISOString()} className="flex justify-between gap-2">
                    <NextRunTime
                      at={d}
                      running={i === 0 && job.last_status === 'running'}
                      now={now.getTime()}
                      timeZone={job.timezone}
                    />
                    <LocalTime
                      date={d}
                      style="daytime"
                      timeZone={job.timezone}
                      className="text-xs text-muted-foreground"
                    />
                  </li>
                ))}
              </ol>
            ) : (
              <p className="text-sm text-muted-foreground">
                {job.enabled ? 'No future run.' : 'Paused: no run is scheduled.'}
              </p>
            )}
          </CardBody>
        </Card>
      </div>
      {!host && (
        <Card aria-label="Budget">
          <CardHeader title="Budget per run" />
          <CardBody>
            <BudgetForm
              scope="job"
              target={job.id}
              what={`“${job.name}”`}
              budget={budget ? toBudget(budget, names) : null}
            />
          </CardBody>
        </Card>
      )}
      <Card aria-label="Durations">
        <CardHeader title="Durations of recent runs" />
        <DurationChart
          runs={runs.rows
            .filter((r) => r.duration_ms != null)
            .slice(0, 60)
            .reverse()
            .map((r) => ({
              id: r.id,
              startedAt: r.started_at.toISOString(),
              durationMs: r.duration_ms!,
              status: r.status,
            }))}
        />
      </Card>
      <Card aria-label="Run history">
        <CardHeader title="Run history" />
        <RunHistory
          jobId={job.id}
          newest={runs.rows.map((r) => toCronRun(r, names))}
          nextCursor={runs.nextCursor}
          host={host}
        />
      </Card>
    </div>
  );
}
