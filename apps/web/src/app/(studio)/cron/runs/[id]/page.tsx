import { ArrowLeft } from 'lucide-react';
import Link from '@/components/ui/link';
import { describeRunFailure } from '@agent-studio/core/failures/run-failure';
import { getCronJob, getCronRun, listSuspiciousRuns } from '@agent-studio/database';
import { LogViewer } from '@/components/logs/log-viewer';
import { FindingEnded, SuspiciousBadge } from '@/components/cron/watchdog-badges';
import { FailureFix } from '@/components/failures/failure-fix';
import { StatusBadge } from '@/components/status-badge';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { TimeAgo } from '@/components/ui/time-ago';
import { duration, megabytes, modelName, usd } from '@/lib/format';
import { rowOr404 } from '@/server/page-data';
import { RowGateway } from '@/components/shell/row-gateway';
import { RetryButton } from './retry-button';

export const dynamic = 'force-dynamic';

export default async function RunPage(props: { params: Promise<{ id: string }> }) {
  const { db, row: run } = await rowOr404(props.params, getCronRun);
  const [job, [suspicion]] = await Promise.all([
    getCronJob(db, run.job_id),
    run.suspicious_reason ? listSuspiciousRuns(db, { since: run.started_at, runId: run.id }) : [],
  ]);
  const usage = run.token_usage;
  const model = modelName(run.model, run.provider);
  const failure = describeRunFailure(run, job?.name);
  // a host-cron run is a shell command: its exit code and memory say what tokens and model say of an agent's
  const host = job?.source === 'host';
  return (
    <div className="flex flex-col gap-4">
      <Link
        href={`/cron/${run.job_id}`}
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden /> {job?.name ?? 'Job'}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">Run of {job?.name ?? 'a removed job'}</h1>
        <StatusBadge status={run.status} />
        <RowGateway id={run.gateway_id} />
        <SuspiciousBadge reason={run.suspicious_reason} />
        <span className="text-sm text-muted-foreground">{run.trigger_type}</span>
        {job && !job.removed_at && (run.status === 'failed' || run.status === 'timeout') && (
          <div className="ml-auto">
            <RetryButton jobId={job.id} runId={run.id} jobName={job.name} />
          </div>
        )}
      </div>
      <Card aria-label="Details">
        <CardBody>
          <dl className="grid grid-cols-2 gap-3 text-sm md:grid-cols-5">
            <div>
              <dt className="text-xs text-muted-foreground">Started</dt>
              <dd>
                <TimeAgo date={run.started_at} />
              </dd>
            </div>
            <div>
              <dt className="text-xs text-muted-foreground">Duration</dt>
              <dd>{duration(run.duration_ms)}</dd>
            </div>
            {host ? (
              <>
                <div>
                  <dt className="text-xs text-muted-foreground">Exit code</dt>
                  <dd className={run.exit_code ? 'font-mono text-danger' : 'font-mono'}>{run.exit_code ?? '—'}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Peak memory</dt>
                  <dd>{megabytes(run.memory_peak_mb)}</dd>
                </div>
              </>
            ) : (
              <>
                <div>
                  <dt className="text-xs text-muted-foreground">Tokens</dt>
                  <dd>{usage.total != null ? usage.total.toLocaleString('en') : '—'}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Cost</dt>
                  <dd>{usd(run.cost_usd)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-muted-foreground">Model</dt>
                  <dd title={model.ref}>{model.name}</dd>
                </div>
              </>
            )}
          </dl>
          {host && <p className="mt-3 font-mono text-xs break-words text-muted-foreground">$ {job.command}</p>}
          {run.suspicious_reason && (
            <p className="mt-3 text-sm">
              <span className={suspicion?.ended_at ? undefined : 'text-warning'}>
                Reported success with {run.suspicious_reason}.
              </span>{' '}
              {suspicion && (
                <FindingEnded endedAt={suspicion.ended_at} runId={suspicion.ended_by_run_id} timeZone={job?.timezone} />
              )}
            </p>
          )}
          {run.error && <p className="mt-3 font-mono text-xs break-words text-danger">{run.error}</p>}
          {failure && (
            <section aria-label="Why it failed" className="mt-3 flex flex-col gap-1 text-sm">
              <div>
                <Badge tone="danger">{failure.category.replaceAll('_', ' ')}</Badge>
              </div>
              <FailureFix advice={failure.advice} attempts={failure.attempts} />
            </section>
          )}
          {run.summary && <p className="mt-3 text-sm whitespace-pre-wrap">{run.summary}</p>}
          {run.output_files?.length ? (
            <ul className="mt-3 flex flex-col gap-1 font-mono text-xs">
              {run.output_files.map((f) => (
                <li key={f} className="break-all">
                  {f}
                </li>
              ))}
            </ul>
          ) : null}
        </CardBody>
      </Card>
      <Card aria-label="Log">
        <CardHeader title={host ? 'Output (stdout and stderr)' : 'Log'} />
        <LogViewer source={{ kind: 'run', id: run.id }} live={run.status === 'running'} />
      </Card>
    </div>
  );
}
