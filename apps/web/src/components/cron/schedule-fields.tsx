'use client';
import { useMemo } from 'react';
import { localInputValue } from '@/components/dates/date-field';
import { useDateFormat } from '@/components/dates/date-format';
import { formatDate } from '@/lib/dates';
import { asScheduleLike, nextRuns, scheduleInWords, scheduleProblem, type ScheduleDraft } from '@/lib/schedule';

/** What the schedule editor holds while a person types (text, not yet a schedule). */
export interface ScheduleFieldsValue {
  kind: ScheduleDraft['kind'];
  expr: string;
  every: { n: string; unit: number };
  /** `YYYY-MM-DDTHH:mm` in the browser's zone. */
  at: string;
  timezone: string;
}

const UNITS = [
  { label: 'minutes', ms: 60_000 },
  { label: 'hours', ms: 3_600_000 },
  { label: 'days', ms: 86_400_000 },
] as const;

export const fieldClass = 'h-9 rounded-md border bg-background px-2';

function initialEvery(ms: number | null): { n: string; unit: number } {
  const unit = [...UNITS].reverse().find((u) => ms && ms % u.ms === 0) ?? UNITS[0];
  return { n: String(ms ? ms / unit.ms : 60), unit: unit.ms };
}

/** The editor's fields for a schedule as it is (or a new job's starting point). */
export function scheduleFields(s: {
  kind: ScheduleDraft['kind'];
  expr: string;
  everyMs: number | null;
  at: string | null;
  timezone: string | null;
}): ScheduleFieldsValue {
  return {
    kind: s.kind,
    expr: s.expr,
    every: initialEvery(s.everyMs),
    at: s.at ? localInputValue(s.at) : '',
    timezone: s.timezone ?? '',
  };
}

/** The schedule the fields describe, its time zone (a cron schedule's only), and what is wrong with it. */
export function readSchedule(f: ScheduleFieldsValue): {
  draft: ScheduleDraft;
  timezone: string | null;
  problem: string | null;
} {
  const timezone = f.kind === 'cron' && f.timezone.trim() ? f.timezone.trim() : null;
  const draft: ScheduleDraft =
    f.kind === 'cron'
      ? { kind: 'cron', expr: f.expr.trim() }
      : f.kind === 'every'
        ? { kind: 'every', everyMs: Math.round(Number(f.every.n) * f.every.unit) || 0 }
        : { kind: 'at', at: f.at ? new Date(f.at).toISOString() : '' };
  return { draft, timezone, problem: scheduleProblem(draft, timezone) };
}

/** The schedule editor (cron expression and zone, an interval, or one time) with its next five runs. */
export function ScheduleFields({
  value,
  onChange,
}: {
  value: ScheduleFieldsValue;
  onChange: (v: ScheduleFieldsValue) => void;
}) {
  const { kind, expr, every, at, timezone } = value;
  const set = (change: Partial<ScheduleFieldsValue>) => onChange({ ...value, ...change });
  const zones = useMemo(() => Intl.supportedValuesOf('timeZone'), []);
  const { draft, timezone: tz, problem } = readSchedule(value);
  const preview = problem ? [] : nextRuns(asScheduleLike(draft, tz), 5);
  const fmt = useDateFormat();
  const browserZone = fmt.timeZone;
  const shownZone = tz ?? browserZone;
  const picked = at ? new Date(at) : null;
  return (
    <>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1">Runs</legend>
        {(['cron', 'every', 'at'] as const).map((k) => (
          <label key={k} className="flex items-center gap-1.5">
            <input type="radio" name="schedule-kind" value={k} checked={kind === k} onChange={() => set({ kind: k })} />
            {k === 'cron' ? 'On a cron schedule' : k === 'every' ? 'Every…' : 'Once, at…'}
          </label>
        ))}
      </fieldset>
      {kind === 'cron' && (
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="flex min-w-0 flex-col gap-1">
            Cron expression
            <input
              value={expr}
              onChange={(e) => set({ expr: e.target.value })}
              className={`${fieldClass} w-full min-w-0 font-mono`}
              placeholder="0 9 * * 1-5"
              spellCheck={false}
            />
          </label>
          <label className="flex min-w-0 flex-col gap-1">
            Time zone
            <input
              value={timezone}
              onChange={(e) => set({ timezone: e.target.value })}
              list="time-zones"
              className={`${fieldClass} w-full min-w-0`}
              placeholder="gateway default"
            />
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
            <input
              type="number"
              min={1}
              value={every.n}
              onChange={(e) => set({ every: { ...every, n: e.target.value } })}
              className={`${fieldClass} w-24`}
            />
          </label>
          <label className="flex flex-col gap-1">
            Unit
            <select
              value={every.unit}
              onChange={(e) => set({ every: { ...every, unit: Number(e.target.value) } })}
              className={fieldClass}
            >
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
          Date and time (your time zone, {browserZone})
          <input
            type="datetime-local"
            value={at}
            onChange={(e) => set({ at: e.target.value })}
            className={fieldClass}
          />
          {/* the input is drawn in the browser's order (mm/dd/yyyy in en-US): the pick in words beside it */}
          {picked && !Number.isNaN(picked.getTime()) && (
            <span className="text-xs text-muted-foreground">{formatDate(picked, 'datetime', fmt)}</span>
          )}
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
                <li key={d.toISOString()}>{formatDate(d, 'daytime', fmt, { timeZone: shownZone })}</li>
              ))}
            </ol>
          </>
        )}
      </section>
    </>
  );
}
