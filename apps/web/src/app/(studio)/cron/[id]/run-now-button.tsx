'use client';
import { Play } from 'lucide-react';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { api } from '@/lib/api-client';

/** "Run now": through the command queue to the gateway (a host-cron job: to the studio's own runner). */
export function RunNowButton({
  jobId,
  jobName,
  disabled,
  host = false,
}: {
  jobId: string;
  jobName: string;
  disabled?: boolean;
  host?: boolean;
}) {
  return (
    <ConfirmAction
      label="Run now"
      icon={<Play aria-hidden />}
      title={`Run “${jobName}” now?`}
      description={`${host ? 'The studio runs its command at once, as cron would' : 'OpenClaw starts the job at once'}, outside its schedule. Its run appears in the history below.`}
      disabled={disabled}
      action={async () =>
        'runId' in (await api('triggerCronJob', { params: { id: jobId }, body: {} }))
          ? 'Run started.'
          : 'Queued: the bridge will start it shortly.'
      }
    />
  );
}
