'use client';
import { Pause, Play } from 'lucide-react';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { api } from '@/lib/api-client';

/** Pause or resume a job in OpenClaw itself (its scheduler stops or starts running it). */
export function PauseButton({ jobId, jobName, enabled }: { jobId: string; jobName: string; enabled: boolean }) {
  return (
    <ConfirmAction
      variant="outline"
      label={enabled ? 'Pause' : 'Resume'}
      icon={enabled ? <Pause aria-hidden /> : <Play aria-hidden />}
      title={enabled ? `Pause “${jobName}”?` : `Resume “${jobName}”?`}
      description={
        enabled
          ? 'OpenClaw stops running it on its schedule until you resume it. Run now still works.'
          : 'OpenClaw runs it on its schedule again.'
      }
      action={async () => {
        const res = await api('updateCronJob', { params: { id: jobId }, body: { enabled: !enabled } });
        return res.status === 'succeeded' ? (enabled ? 'Paused.' : 'Resumed.') : 'Queued for the bridge.';
      }}
    />
  );
}
