'use client';
import { Trash2 } from 'lucide-react';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { api } from '@/lib/api-client';

/** Delete a job from OpenClaw (its cron.remove); the studio keeps its runs. */
export function DeleteJobButton({ jobId, jobName }: { jobId: string; jobName: string }) {
  return (
    <ConfirmAction
      variant="outline"
      danger
      label="Delete"
      icon={<Trash2 aria-hidden />}
      title={`Delete “${jobName}”?`}
      description="OpenClaw removes the job and never runs it again (this cannot be undone from the studio). Its past runs stay here."
      action={async () => {
        const res = await api('deleteCronJob', { params: { id: jobId } });
        return res.status === 'succeeded' ? `Deleted “${jobName}” from OpenClaw.` : 'Queued for the bridge.';
      }}
    />
  );
}
