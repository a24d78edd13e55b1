'use client';
import { Pencil } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useDialogAction } from '@/components/actions/use-dialog-action';
import {
  readSchedule,
  ScheduleFields,
  scheduleFields,
  type ScheduleFieldsValue,
} from '@/components/cron/schedule-fields';
import { FormDialog } from '@/components/ui/form-dialog';
import { api } from '@/lib/api-client';
import type { ScheduleDraft } from '@/lib/schedule';

export interface EditableJob {
  id: string;
  name: string;
  kind: ScheduleDraft['kind'];
  /** The cron expression, when kind is cron. */
  expr: string;
  everyMs: number | null;
  at: string | null;
  timezone: string | null;
  /** The agent-turn message; null when the job's payload has none (a shell command). */
  message: string | null;
}

/** The form's fields for the job as it is now. */
const fieldsOf = (job: EditableJob) => ({ schedule: scheduleFields(job), message: job.message ?? '' });

/** Change a job's schedule, time zone and message; the next five runs are previewed before saving. */
export function EditJob({ job }: { job: EditableJob }) {
  const [fields, setFields] = useState(() => fieldsOf(job));
  // opened again, the form starts from the job as it is now: it may have been edited in OpenClaw meanwhile,
  // and saving the old fields would quietly undo that
  const { dialog, run } = useDialogAction('The job could not be changed.', { onOpen: () => setFields(fieldsOf(job)) });
  const { draft, timezone: tz, problem } = readSchedule(fields.schedule);
  const message = fields.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    const body = {
      schedule: draft,
      ...(draft.kind === 'cron' ? { timezone: tz } : {}),
      ...(job.message !== null && message.trim() !== job.message ? { message: message.trim() } : {}),
    };
    await run(async () =>
      (await api('updateCronJob', { params: { id: job.id }, body })).status === 'succeeded'
        ? 'Saved in OpenClaw.'
        : 'Queued for the bridge.',
    );
  };

  return (
    <FormDialog
      {...dialog}
      trigger={{ icon: Pencil, label: 'Edit', variant: 'outline' }}
      title={`Edit “${job.name}”`}
      description="OpenClaw applies the change through its cron API; the job page shows it once the gateway reports it."
      onSubmit={submit}
      submitLabel="Save"
      disabled={Boolean(problem)}
      className="w-[min(36rem,calc(100vw-2rem))]"
    >
      <ScheduleFields
        value={fields.schedule}
        onChange={(schedule: ScheduleFieldsValue) => setFields((f) => ({ ...f, schedule }))}
      />
      {job.message !== null && (
        <label className="flex flex-col gap-1">
          Message (what the agent is asked each run)
          <textarea
            value={message}
            onChange={(e) => setFields((f) => ({ ...f, message: e.target.value }))}
            required
            rows={4}
            maxLength={20_000}
            className="rounded-md border bg-background p-2"
          />
        </label>
      )}
    </FormDialog>
  );
}
