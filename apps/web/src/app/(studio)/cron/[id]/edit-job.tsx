'use client';
import { Pencil } from 'lucide-react';
import { useMemo, useState, type FormEvent } from 'react';
import { useDialogAction } from '@/components/actions/use-dialog-action';
import { Button } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { api } from '@/lib/api-client';
import { asScheduleLike, nextRuns, scheduleInWords, scheduleProblem, type ScheduleDraft } from '@/lib/schedule';

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

const UNITS = [
  { label: 'minutes', ms: 60_000 },
  { label: 'hours', ms: 3_600_000 },
  { label: 'days', ms: 86_400_000 },
] as const;

const field = 'h-9 rounded-md border bg-background px-2';

/** `YYYY-MM-DDTHH:mm` in the browser's zone, for a datetime-local input. */
function localInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function initialEvery(ms: number | null): { n: string; unit: number } {
  const unit = [...UNITS].reverse().find((u) => ms && ms % u.ms === 0) ?? UNITS[0];
  return { n: String(ms ? ms / unit.ms : 60), unit: unit.ms };
}

/** The form's fields for the job as it is now. */
function fieldsOf(job: EditableJob) {
  return { kind: job.kind, expr: job.expr, every: initialEvery(job.everyMs), at: localInput(job.at), timezone: job.timezone ?? '', message: job.message ?? '' };
}
type Fields = ReturnType<typeof fieldsOf>;

/** Change a job's schedule, time zone and message; the next five runs are previewed before saving. */
export function EditJob({ job }: { job: EditableJob }) {
  const [fields, setFields] = useState(() => fieldsOf(job));
  const { kind, expr, every, at, timezone, message } = fields;
  const set = (change: Partial<Fields>) => setFields((f) => ({ ...f, ...change }));
  const { open, onOpenChange, busy, error, done, run } = useDialogAction('The job could not be changed.');
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  // opened again, the form starts from the job as it is now: it may have been edited in OpenClaw meanwhile,
  // and saving the old fields would quietly undo that
  const openChange = (next: boolean) => {
    if (next) setFields(fieldsOf(job));
    onOpenChange(next);
  };

  const tz = kind === 'cron' && timezone.trim() ? timezone.trim() : null;
  const draft: ScheduleDraft =
    kind === 'cron' ? { kind, expr: expr.trim() } : kind === 'every' ? { kind, everyMs: Math.round(Number(every.n) * every.unit) || 0 } : { kind, at: at ? new Date(at).toISOString() : '' };
  const problem = scheduleProblem(draft, tz);
  const preview = problem ? [] : nextRuns(asScheduleLike(draft, tz), 5);
  const shownZone = tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (problem) return;
    const body = { schedule: draft, ...(kind === 'cron' ? { timezone: tz } : {}), ...(job.message !== null && message.trim() !== job.message ? { message: message.trim() } : {}) };
    await run(async () => ((await api('updateCronJob', { params: { id: job.id }, body })).status === 'succeeded' ? 'Saved in OpenClaw.' : 'Queued for the bridge.'));
  };

  return (
    <FormDialog
      open={open}
      onOpenChange={openChange}
      trigger={
        <Button variant="outline">
          <Pencil aria-hidden /> Edit
        </Button>
      }
      title={`Edit “${job.name}”`}
      description="OpenClaw applies the change through its cron API; the job page shows it once the gateway reports it."
      onSubmit={submit}
      error={error}
      busy={busy}
      done={done}
      submitLabel="Save"
      disabled={Boolean(problem)}
      className="w-[min(36rem,calc(100vw-2rem))]"
    >
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1">Runs</legend>
        {(['cron', 'every', 'at'] as const).map((k) => (
          <label key={k} className="flex items-center gap-1.5">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => set({ kind: k })} />
            {k === 'cron' ? 'On a cron schedule' : k === 'every' ? 'Every…' : 'Once, at…'}
          </label>
        ))}
      </fieldset>
      {kind === 'cron' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="flex flex-col gap-1">
            Cron expression
            <input value={expr} onChange={(e) => set({ expr: e.target.value })} className={`${field} font-mono`} placeholder="0 9 * * 1-5" spellCheck={false} />
          </label>
          <label className="flex flex-col gap-1">
            Time zone
            <input value={timezone} onChange={(e) => set({ timezone: e.target.value })} list="time-zones" className={field} placeholder="gateway default" />
            <datalist id="time-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </label>
        </div>
      )}
      {kind === 'every' && (
        <div className="flex gap-2">
          <label className="flex flex-col gap-1">
            Interval
            <input type="number" min={1} value={every.n} onChange={(e) => set({ every: { ...every, n: e.target.value } })} className={`${field} w-24`} />
          </label>
          <label className="flex flex-col gap-1">
            Unit
            <select value={every.unit} onChange={(e) => set({ every: { ...every, unit: Number(e.target.value) } })} className={field}>
              {UNITS.map((u) => (
                <option key={u.ms} value={u.ms}>
                  {u.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {kind === 'at' && (
        <label className="flex flex-col gap-1">
          Date and time (your time zone, {Intl.DateTimeFormat().resolvedOptions().timeZone})
          <input type="datetime-local" value={at} onChange={(e) => set({ at: e.target.value })} className={field} />
        </label>
      )}
      <section aria-label="Preview" className="rounded-md border bg-muted/40 p-3">
        {problem ? (
          <p role="alert" className="text-danger">
            {problem}
          </p>
        ) : (
          <>
            <p className="font-medium">{scheduleInWords(asScheduleLike(draft, tz))}</p>
            <p className="mt-1 text-xs text-muted-foreground">Next runs ({shownZone})</p>
            <ol className="mt-1 flex flex-col gap-0.5 font-mono text-xs">
              {preview.map((d) => (
                <li key={d.toISOString()}>{d.toLocaleString('en-GB', { timeZone: shownZone, weekday: 'short', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })}</li>
              ))}
            </ol>
          </>
        )}
      </section>
      {job.message !== null && (
        <label className="flex flex-col gap-1">
          Message (what the agent is asked each run)
          <textarea value={message} onChange={(e) => set({ message: e.target.value })} required rows={4} maxLength={20_000} className="rounded-md border bg-background p-2" />
        </label>
      )}
    </FormDialog>
  );
}
