'use client';
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import type { jobCreateBody } from '@agent-studio/core/api/cron';
import { useDialogAction } from '@/components/actions/use-dialog-action';
import { useOpenFromUrl } from '@/components/actions/use-open-from-url';
import { fieldClass, readSchedule, ScheduleFields, scheduleFields } from '@/components/cron/schedule-fields';
import { FormDialog } from '@/components/ui/form-dialog';
import { api } from '@/lib/api-client';

type Delivery = 'none' | 'announce' | 'webhook';

// in a grid cell a select is as wide as its longest option unless told to fit
const cell = 'flex min-w-0 flex-col gap-1';
const wide = `${fieldClass} w-full min-w-0`;

const initial = () => ({
  name: '',
  description: '',
  agentId: '',
  session: 'isolated' as 'isolated' | 'main',
  schedule: scheduleFields({ kind: 'cron', expr: '0 9 * * 1-5', everyMs: null, at: null, timezone: null }),
  message: '',
  wakeMode: 'now' as 'now' | 'next-heartbeat',
  model: '',
  timeoutSeconds: '',
  delivery: 'none' as Delivery,
  channel: '',
  to: '',
  paused: false,
  deleteAfterRun: true,
});
type Fields = ReturnType<typeof initial>;
type TextKey = { [K in keyof Fields]: string extends Fields[K] ? K : never }[keyof Fields];

/** The request body for the form's fields (what OpenClaw's own "new automation" form asks for). */
function bodyOf(f: Fields): z.input<typeof jobCreateBody> {
  const { draft, timezone } = readSchedule(f.schedule);
  const isolated = f.session === 'isolated';
  const opt = (s: string) => (s.trim() ? s.trim() : undefined);
  return {
    name: f.name.trim(),
    description: opt(f.description),
    agentId: opt(f.agentId),
    schedule: draft,
    ...(draft.kind === 'cron' ? { timezone } : {}),
    session: f.session,
    message: f.message.trim(),
    wakeMode: f.wakeMode,
    model: isolated ? opt(f.model) : undefined,
    timeoutSeconds: isolated && f.timeoutSeconds ? Number(f.timeoutSeconds) : undefined,
    delivery:
      f.delivery === 'none'
        ? { mode: 'none' }
        : f.delivery === 'announce'
          ? { mode: 'announce', channel: f.channel.trim(), to: opt(f.to) }
          : { mode: 'webhook', to: f.to.trim() },
    enabled: !f.paused,
    ...(draft.kind === 'at' ? { deleteAfterRun: f.deleteAfterRun } : {}),
  };
}

/** Create a job in OpenClaw (its cron.add): schedule with the next runs previewed, agent, session, message, delivery. */
export function NewJobButton({ agents }: { agents: string[] }) {
  const router = useRouter();
  const [f, setF] = useState(initial);
  const set = (change: Partial<Fields>) => setF((x) => ({ ...x, ...change }));
  /** An input or textarea bound to one of the form's text fields. */
  const text = (key: TextKey) => ({
    value: f[key],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set({ [key]: e.target.value }),
  });
  const { dialog, run } = useDialogAction('The job could not be created.', { onOpen: () => setF(initial()) });
  const { problem } = readSchedule(f.schedule);
  useOpenFromUrl('new-job', dialog.onOpenChange);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    await run(async () => {
      const res = await api('createCronJob', { body: bodyOf(f) });
      if (res.jobId) router.push(`/cron/${res.jobId}`);
      return res.status === 'succeeded'
        ? `Created “${f.name.trim()}” in OpenClaw.`
        : `“${f.name.trim()}” is queued for the bridge.`;
    });
  };

  return (
    <FormDialog
      {...dialog}
      trigger={{ icon: Plus, label: 'New job' }}
      title="New job"
      description="OpenClaw creates it through its cron API and runs it on its schedule; the studio shows it as soon as the gateway reports it."
      onSubmit={submit}
      submitLabel="Create job"
      disabled={Boolean(problem)}
      className="w-[min(40rem,calc(100vw-2rem))]"
    >
      <label className="flex flex-col gap-1">
        Name
        <input {...text('name')} required maxLength={200} className={fieldClass} placeholder="Morning brief" />
      </label>
      <label className="flex flex-col gap-1">
        Description (optional)
        <input {...text('description')} maxLength={2000} className={fieldClass} />
      </label>
      <ScheduleFields value={f.schedule} onChange={(schedule) => set({ schedule })} />
      <div className="grid gap-3 sm:grid-cols-2">
        <label className={cell}>
          Agent
          <input
            {...text('agentId')}
            list="known-agents"
            maxLength={100}
            className={wide}
            placeholder="the default agent"
          />
          <datalist id="known-agents">
            {agents.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </label>
        <label className={cell}>
          Session
          <select
            value={f.session}
            onChange={(e) => set({ session: e.target.value as Fields['session'] })}
            className={wide}
          >
            <option value="isolated">Its own session (an agent turn)</option>
            <option value="main">The agent’s main session (a system event)</option>
          </select>
        </label>
      </div>
      <label className="flex flex-col gap-1">
        {f.session === 'main'
          ? 'System event (the text the main session receives)'
          : 'Message (what the agent is asked each run)'}
        <textarea
          {...text('message')}
          required
          rows={3}
          maxLength={20_000}
          className="rounded-md border bg-background p-2"
        />
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className={cell}>
          Wake the agent
          <select
            value={f.wakeMode}
            onChange={(e) => set({ wakeMode: e.target.value as Fields['wakeMode'] })}
            className={wide}
          >
            <option value="now">at once</option>
            <option value="next-heartbeat">at its next heartbeat</option>
          </select>
        </label>
        {f.session === 'isolated' && (
          <>
            <label className={cell}>
              Model (optional)
              <input {...text('model')} maxLength={200} className={wide} placeholder="the agent’s" />
            </label>
            <label className={cell}>
              Timeout (seconds)
              <input
                type="number"
                min={1}
                max={86_400}
                {...text('timeoutSeconds')}
                className={wide}
                placeholder="default"
              />
            </label>
          </>
        )}
      </div>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1">Deliver the result</legend>
        <div className="flex flex-wrap gap-4">
          {(
            [
              ['none', 'Nowhere (history only)'],
              ['announce', 'To a chat channel'],
              ['webhook', 'To a webhook'],
            ] as const
          ).map(([mode, label]) => (
            <label key={mode} className="flex items-center gap-1.5">
              <input
                type="radio"
                name="delivery"
                value={mode}
                checked={f.delivery === mode}
                onChange={() => set({ delivery: mode })}
              />
              {label}
            </label>
          ))}
        </div>
        {f.delivery === 'announce' && (
          <div className="grid gap-3 sm:grid-cols-2">
            <label className={cell}>
              Channel
              <input {...text('channel')} required className={wide} placeholder="slack, telegram, or last" />
            </label>
            <label className={cell}>
              To (optional)
              <input {...text('to')} className={wide} placeholder="channel:C1234567890" />
            </label>
          </div>
        )}
        {f.delivery === 'webhook' && (
          <label className="flex flex-col gap-1">
            Webhook URL
            <input
              type="url"
              {...text('to')}
              required
              className={fieldClass}
              placeholder="https://example.com/openclaw/cron"
            />
          </label>
        )}
      </fieldset>
      <div className="flex flex-wrap gap-4">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={f.paused} onChange={(e) => set({ paused: e.target.checked })} />
          Create it paused
        </label>
        {f.schedule.kind === 'at' && (
          <label className="flex items-center gap-1.5">
            <input
              type="checkbox"
              checked={f.deleteAfterRun}
              onChange={(e) => set({ deleteAfterRun: e.target.checked })}
            />
            Delete it after it succeeds
          </label>
        )}
      </div>
    </FormDialog>
  );
}
