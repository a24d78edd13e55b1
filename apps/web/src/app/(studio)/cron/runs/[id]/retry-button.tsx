'use client';
import { RotateCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { api, ApiError, settledCommand } from '@/lib/api-client';

/** Runs the job again, recorded as a retry of this run. */
export function RetryButton({ jobId, runId, jobName }: { jobId: string; runId: string; jobName: string }) {
  const router = useRouter();
  return (
    <ConfirmAction
      label="Retry"
      icon={<RotateCw aria-hidden />}
      title={`Run “${jobName}” again?`}
      description="A new run starts now, marked as a retry of this one."
      action={async () => {
        const res = await api('triggerCronJob', { params: { id: jobId }, body: { retryOfRunId: runId } });
        // queued behind a busy bridge: followed until it started, so the page still goes to the new run
        const command = 'runId' in res ? null : await settledCommand(res.commandId);
        if (command?.status === 'failed')
          throw new ApiError(409, 'command_failed', command.error ?? 'The retry failed.', command);
        const started = 'runId' in res ? res.runId : (command?.result as { runId?: string } | null)?.runId;
        if (started) router.push(`/cron/runs/${started}`);
        return started ? 'Retry started.' : 'Queued: the bridge will start it shortly.';
      }}
    />
  );
}
