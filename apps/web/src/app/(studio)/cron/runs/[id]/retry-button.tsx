'use client';
import { RotateCw } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { api } from '@/lib/api-client';

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
        if ('runId' in res) router.push(`/cron/runs/${res.runId}`);
        return 'runId' in res ? 'Retry started.' : 'Queued: the bridge will start it shortly.';
      }}
    />
  );
}
