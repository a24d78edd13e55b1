// A host-cron run's spool records → its cron_runs row and log lines. Idempotent (keyed by the run's uuid and
// each line's number), so the wrapper writing directly and the bridge importing the same file never double up.
import { ensureHostCronJob, insertRunLogs, upsertCronRun, type Queryable } from '@agent-studio/database';
import type { EndRecord, OutRecord, StartRecord } from './spool';

export async function recordRun(
  tx: Queryable,
  gatewayId: string,
  start: StartRecord,
  records: readonly (OutRecord | EndRecord)[],
): Promise<{ runId: string; finished: boolean }> {
  const job = await ensureHostCronJob(tx, start.job, start.command, gatewayId);
  const base = {
    jobId: job.id,
    externalId: start.runId,
    startedAt: new Date(start.startedAt),
    triggerType: start.trigger,
    triggeredBy: start.triggeredBy,
  };
  const { row: run } = await upsertCronRun(tx, { ...base, status: 'running' });
  const lines = records.filter((r): r is OutRecord => r.t === 'out');
  await insertRunLogs(
    tx,
    run,
    lines.map((l) => ({ seq: l.seq, stream: l.stream, text: l.text, at: new Date(l.at) })),
  );
  const end = records.find((r): r is EndRecord => r.t === 'end');
  if (end) {
    await upsertCronRun(tx, {
      ...base,
      status: end.exitCode === 0 ? 'completed' : 'failed',
      finishedAt: new Date(end.finishedAt),
      durationMs: end.durationMs,
      exitCode: end.exitCode,
      error: end.error,
      memoryPeakMb: end.peakRssKb == null ? null : Math.ceil(end.peakRssKb / 1024),
      stdout: end.stdoutTail,
      stderr: end.stderrTail,
    });
  }
  return { runId: run.id, finished: Boolean(end) };
}
