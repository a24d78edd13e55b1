'use client';
import { Check } from 'lucide-react';
import { ConfirmAction } from '@/components/actions/confirm-action';
import { applySchedule } from '../actions';

export function ApplySuggestion({
  jobId,
  name,
  schedule,
  timezone,
}: {
  jobId: string;
  name: string;
  schedule: string;
  timezone: string;
}) {
  return (
    <ConfirmAction
      variant="outline"
      label="Apply"
      icon={<Check aria-hidden />}
      title={`Change the schedule of “${name}”?`}
      description={
        <>
          OpenClaw will run it on <code className="font-mono">{schedule}</code> ({timezone}) from now on.
        </>
      }
      action={() => applySchedule(jobId, { schedule: { kind: 'cron', expr: schedule }, timezone })}
    />
  );
}
