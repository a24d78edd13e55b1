// Schedule advice from the schedules and the run history: jobs whose runs collide (started in the same minute or
// still running when another starts), hours in which a job fails more or runs slower, and concrete new cron
// expressions that avoid both, each with its effect measured by replaying a week of the new schedule.
import { weekOfStarts } from './cron-week';

export interface AdviceJob {
  id: string;
  name: string;
  kind: 'cron' | 'every' | 'at';
  /** The cron expression (kind 'cron'). */
  expr?: string;
  everyMs?: number;
  timezone?: string | null;
}

export interface AdviceRun {
  jobId: string;
  startedAt: Date;
  durationMs: number | null;
  ok: boolean;
}

export interface Overlap {
  jobIds: [string, string];
  names: [string, string];
  /** Collisions in a week of the current schedules. */
  perWeek: number;
  sameMinute: boolean;
}

export interface HotHour {
  jobId: string;
  name: string;
  hours: number[];
  /** What sets those hours apart, in words. */
  reason: string;
}

export interface Suggestion {
  jobId: string;
  name: string;
  current: string;
  schedule: string;
  timezone: string;
  why: string;
  effect: string;
}

const DEFAULT_MS = 60_000;

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : null);

/** Start times of a schedule in [from, from + a week). */
export const occurrences = weekOfStarts;

/** The job's schedule as a cron expression, when it has one (every-N-minutes dividing an hour becomes one). */
export function cronOf(job: AdviceJob): string | null {
  if (job.kind === 'cron' && job.expr && job.expr.trim().split(/\s+/).length === 5) return job.expr.trim();
  if (job.kind === 'every' && job.everyMs && job.everyMs % 60_000 === 0) {
    const n = job.everyMs / 60_000;
    if (n === 60) return '0 * * * *';
    if (n < 60 && 60 % n === 0) return `*/${n} * * * *`;
  }
  return null;
}

interface Planned {
  job: AdviceJob;
  expr: string;
  tz: string;
  durationMs: number;
  starts: number[];
}

function collisions(
  a: Pick<Planned, 'starts' | 'durationMs'>,
  b: Pick<Planned, 'starts' | 'durationMs'>,
): { count: number; sameMinute: boolean } {
  let count = 0;
  let sameMinute = false;
  let j = 0;
  for (const s of a.starts) {
    while (j < b.starts.length && b.starts[j]! + b.durationMs <= s) j++;
    for (let k = j; k < b.starts.length && b.starts[k]! < s + a.durationMs; k++) {
      count++;
      if (Math.floor(b.starts[k]! / 60_000) === Math.floor(s / 60_000)) sameMinute = true;
    }
  }
  return { count, sameMinute };
}

/** Minute fields that keep the job's rhythm but start it elsewhere in the hour. */
function shiftedMinutes(minute: string): string[] {
  const step = /^(?:\*|0)\/(\d+)$/.exec(minute) ?? /^0-59\/(\d+)$/.exec(minute);
  if (step) {
    const n = Number(step[1]);
    return Array.from({ length: n - 1 }, (_, i) => `${i + 1}-59/${n}`);
  }
  if (/^\d+$/.test(minute)) return Array.from({ length: 59 }, (_, i) => String((Number(minute) + i + 1) % 60));
  return [];
}

/** Runs of consecutive hours: [0,1,2,5] → [[0,2],[5,5]]. */
function hourSpans(hours: number[]): [number, number][] {
  const spans: [number, number][] = [];
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    spans.push([sorted[i]!, sorted[j]!]);
    i = j + 1;
  }
  return spans;
}

/** Hour numbers as a cron hour field: [0,1,2,5] → "0-2,5". */
export function hourField(hours: number[]): string {
  return hourSpans(hours)
    .map(([a, b]) => (a === b ? String(a) : `${a}-${b}`))
    .join(',');
}

/** Hour numbers in words: [0,1,2,5] → "00:00–03:00 and 05:00–06:00". */
export function hoursInWords(hours: number[]): string {
  const clock = (h: number) => `${String(h).padStart(2, '0')}:00`;
  const spans = hourSpans(hours).map(([a, b]) => `${clock(a)}–${clock(b + 1)}`);
  return spans.length > 1 ? `${spans.slice(0, -1).join(', ')} and ${spans.at(-1)}` : (spans[0] ?? '');
}

/** P(X ≥ k) for X ~ Binomial(n, p). */
export function binomialTail(n: number, k: number, p: number): number {
  if (p <= 0) return k > 0 ? 0 : 1;
  let term = (1 - p) ** n; // P(X = 0)
  let below = 0;
  for (let i = 0; i < k; i++) {
    below += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

const hourFormats = new Map<string, Intl.DateTimeFormat>();
const hourIn = (t: Date, tz: string) => {
  const f =
    hourFormats.get(tz) ??
    hourFormats.set(tz, new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: tz })).get(tz)!;
  return Number(f.format(t));
};

export function scheduleAdvice(
  jobs: AdviceJob[],
  runs: AdviceRun[],
  now = new Date(),
): { overlaps: Overlap[]; hotHours: HotHour[]; suggestions: Suggestion[] } {
  const runsOf = new Map<string, AdviceRun[]>();
  for (const r of runs) (runsOf.get(r.jobId) ?? runsOf.set(r.jobId, []).get(r.jobId)!).push(r);
  const planned: Planned[] = [];
  for (const job of jobs) {
    const expr = cronOf(job);
    if (!expr) continue;
    const tz = job.timezone || 'UTC';
    const durationMs =
      median((runsOf.get(job.id) ?? []).flatMap((r) => (r.durationMs ? [r.durationMs] : []))) ?? DEFAULT_MS;
    try {
      planned.push({ job, expr, tz, durationMs, starts: occurrences(expr, tz, now) });
    } catch {
      // an expression we cannot read is left out of the advice, not fatal to the page
    }
  }

  const overlaps: Overlap[] = [];
  for (let i = 0; i < planned.length; i++) {
    for (let k = i + 1; k < planned.length; k++) {
      const a = planned[i]!;
      const b = planned[k]!;
      const c = collisions(a, b);
      const d = collisions(b, a);
      const perWeek = Math.max(c.count, d.count);
      if (perWeek)
        overlaps.push({
          jobIds: [a.job.id, b.job.id],
          names: [a.job.name, b.job.name],
          perWeek,
          sameMinute: c.sameMinute || d.sameMinute,
        });
    }
  }
  overlaps.sort((x, y) => y.perWeek - x.perWeek);

  const suggestions: Suggestion[] = [];
  const othersOf = (p: Planned) => planned.filter((o) => o !== p);
  const weekly = (p: Pick<Planned, 'starts' | 'durationMs'>, others: Planned[]) =>
    others.reduce((n, o) => n + Math.max(collisions(p, o).count, collisions(o, p).count), 0);

  // per job, the smallest shift with the fewest collisions (the first with none ends the search)
  const bestMoves = new Map<string, { p: Planned; expr: string; before: number; after: number } | null>();
  const bestMove = (p: Planned) => {
    if (bestMoves.has(p.job.id)) return bestMoves.get(p.job.id)!;
    const fields = p.expr.split(/\s+/);
    const before = weekly(p, othersOf(p));
    let best: { p: Planned; expr: string; before: number; after: number } | null = null;
    for (const minute of shiftedMinutes(fields[0]!)) {
      const expr = [minute, ...fields.slice(1)].join(' ');
      const after = weekly({ starts: occurrences(expr, p.tz, now), durationMs: p.durationMs }, othersOf(p));
      if (!best || after < best.after) best = { p, expr, before, after };
      if (after === 0) break;
    }
    bestMoves.set(p.job.id, best);
    return best;
  };

  // move the job whose move removes the most collisions; each job is moved at most once
  const moved = new Set<string>();
  for (const o of overlaps) {
    const options = o.jobIds
      .filter((id) => !moved.has(id))
      .flatMap((id) => bestMove(planned.find((x) => x.job.id === id)!) ?? [])
      .sort((x, y) => x.after - y.after);
    const best = options[0];
    if (!best || best.after >= best.before) continue;
    moved.add(best.p.job.id);
    // later suggestions are weighed against this one applied, so taking them all does not collide anew
    const current = best.p.job.kind === 'every' ? `every ${best.p.job.everyMs! / 60_000} min` : best.p.expr;
    Object.assign(best.p, { expr: best.expr, starts: occurrences(best.expr, best.p.tz, now) });
    bestMoves.clear();
    const other = o.names.find((n) => n !== best.p.job.name)!;
    suggestions.push({
      jobId: best.p.job.id,
      name: best.p.job.name,
      current,
      schedule: best.expr,
      timezone: best.p.tz,
      why: `${o.sameMinute ? 'Starts in the same minute as' : 'Still runs when'} “${other}” ${o.sameMinute ? '' : 'starts '}${o.perWeek}× a week.`.replace(
        '  ',
        ' ',
      ),
      effect: `Collisions with other jobs: ${best.before} → ${best.after} a week (typical run ${Math.round(best.p.durationMs / 1000)} s), same number of runs.`,
    });
  }

  const hotHours: HotHour[] = [];
  for (const p of planned) {
    const history = runsOf.get(p.job.id) ?? [];
    if (history.length < 24) continue;
    const failRate = history.filter((r) => !r.ok).length / history.length;
    const typical = median(history.flatMap((r) => (r.durationMs ? [r.durationMs] : []))) ?? 0;
    const byHour = new Map<number, AdviceRun[]>();
    for (const r of history) {
      const h = hourIn(r.startedAt, p.tz);
      (byHour.get(h) ?? byHour.set(h, []).get(h)!).push(r);
    }
    const failing: number[] = [];
    const slow: number[] = [];
    const failures = history.filter((r) => !r.ok).length;
    for (const [h, rs] of byHour) {
      if (rs.length < 3) continue;
      const failed = rs.filter((r) => !r.ok).length;
      // the other hours' failure rate; an hour is named only when chance alone would rarely fail it this often
      const elsewhere = (failures - failed) / Math.max(1, history.length - rs.length);
      const med = median(rs.flatMap((r) => (r.durationMs ? [r.durationMs] : []))) ?? 0;
      if (failed / rs.length >= elsewhere + 0.25 && binomialTail(rs.length, failed, elsewhere) < 0.001) failing.push(h);
      else if (typical && med >= typical * 1.5) slow.push(h);
    }
    const bad = [...failing, ...slow].sort((a, b) => a - b);
    if (!bad.length) continue;
    const badRuns = history.filter((r) => bad.includes(hourIn(r.startedAt, p.tz)));
    const badFail = badRuns.filter((r) => !r.ok).length / badRuns.length;
    const goodRuns = history.filter((r) => !bad.includes(hourIn(r.startedAt, p.tz)));
    const goodFail = goodRuns.length ? goodRuns.filter((r) => !r.ok).length / goodRuns.length : 0;
    const pc = (x: number) => `${Math.round(x * 100)}%`;
    const reason = failing.length
      ? `${pc(badFail)} of its runs fail at ${hoursInWords(bad)} (${p.tz}), ${pc(goodFail)} at other hours`
      : `runs take ${Math.round(((median(badRuns.flatMap((r) => (r.durationMs ? [r.durationMs] : []))) ?? 0) / typical) * 10) / 10}× longer at ${hoursInWords(bad)} (${p.tz})`;
    hotHours.push({ jobId: p.job.id, name: p.job.name, hours: bad, reason });

    const fields = p.expr.split(/\s+/);
    if (fields[1] !== '*' || moved.has(p.job.id) || bad.length > 12) continue;
    const keep = Array.from({ length: 24 }, (_, h) => h).filter((h) => !bad.includes(h));
    const expr = [fields[0], hourField(keep), ...fields.slice(2)].join(' ');
    const perDay = (e: string) => Math.round(occurrences(e, p.tz, now).length / 7);
    moved.add(p.job.id);
    suggestions.push({
      jobId: p.job.id,
      name: p.job.name,
      current: p.job.kind === 'every' ? `every ${p.job.everyMs! / 60_000} min` : p.expr,
      schedule: expr,
      timezone: p.tz,
      why: `${reason[0]!.toUpperCase()}${reason.slice(1)}.`,
      effect: failing.length
        ? `Skips those hours: expected failure rate ${pc(failRate)} → ${pc(goodFail)}; ${perDay(p.expr)} → ${perDay(expr)} runs a day.`
        : `Skips the slow hours; ${perDay(p.expr)} → ${perDay(expr)} runs a day.`,
    });
  }
  return { overlaps, hotHours, suggestions };
}
