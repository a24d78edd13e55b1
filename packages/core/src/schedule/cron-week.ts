// A cron expression's start times over one week, fast enough to try dozens of candidate schedules per page
// view (croner takes ~1 ms per occurrence with a time zone; this takes ~1 ms per week). Five fields, numbers,
// names, `*`, ranges, steps and lists; day-of-month and day-of-week are OR-ed when both are set (Vixie cron).
const NAMES: Record<string, number> = {
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

function field(spec: string, min: number, max: number): Set<number> | null {
  if (spec === '*' || spec === '?') return null;
  const out = new Set<number>();
  const num = (s: string) => {
    const n = NAMES[s.toLowerCase()] ?? Number(s);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`cron field value out of range: ${s}`);
    return n;
  };
  for (const part of spec.split(',')) {
    const [range, stepText] = part.split('/') as [string, string | undefined];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step: ${part}`);
    const [a, b] =
      range === '*'
        ? [min, max]
        : range.includes('-')
          ? (range.split('-').map(num) as [number, number])
          : [num(range), stepText ? max : num(range)];
    // SAT-SUN: Sunday closing a weekday range is day 7
    const last = max === 7 && b === 0 && a > 0 ? 7 : b;
    for (let v = a; v <= last; v += step) out.add(v);
  }
  return out;
}

export interface CronFields {
  minute: Set<number> | null;
  hour: Set<number> | null;
  dom: Set<number> | null;
  month: Set<number> | null;
  dow: Set<number> | null;
}

/** Throws on an expression it cannot read. */
export function parseCron(expr: string): CronFields {
  const f = expr.trim().split(/\s+/);
  if (f.length !== 5) throw new Error(`a cron expression has 5 fields: ${expr}`);
  const dow = field(f[4]!, 0, 7);
  if (dow?.has(7)) dow.add(0);
  return {
    minute: field(f[0]!, 0, 59),
    hour: field(f[1]!, 0, 23),
    dom: field(f[2]!, 1, 31),
    month: field(f[3]!, 1, 12),
    dow,
  };
}

const has = (s: Set<number> | null, v: number) => s === null || s.has(v);

const formats = new Map<string, Intl.DateTimeFormat>();

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `at`. */
function offsetMs(timeZone: string, at: number): number {
  const format =
    formats.get(timeZone) ??
    formats
      .set(
        timeZone,
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          hourCycle: 'h23',
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
        }),
      )
      .get(timeZone)!;
  const parts = Object.fromEntries(format.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  return (
    Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!) - Math.floor(at / 60_000) * 60_000
  );
}

/** Start times (UTC ms) in [from, from + 7 days): each minute of the week read on the zone's wall clock. */
export function weekOfStarts(expr: string, timeZone: string, from: Date): number[] {
  const c = parseCron(expr);
  const out: number[] = [];
  const start = Math.ceil(from.getTime() / 60_000) * 60_000;
  const end = start + 7 * 86_400_000;
  // offsets change at most twice a year: when the week starts and ends on the same one, it holds throughout
  const steady = offsetMs(timeZone, start) === offsetMs(timeZone, end) ? offsetMs(timeZone, start) : null;
  let offset = steady ?? 0;
  let day = -1;
  let dayOk = false;
  for (let utc = start; utc < end; utc += 60_000) {
    // else zones change their offset on the hour or half hour: look it up once per half hour
    if (steady === null && (utc === start || utc % 1_800_000 === 0)) offset = offsetMs(timeZone, utc);
    const local = (utc + offset) / 60_000;
    const d = Math.floor(local / 1440);
    if (d !== day) {
      day = d;
      const date = new Date(d * 86_400_000);
      const domOk = has(c.dom, date.getUTCDate());
      const dowOk = has(c.dow, date.getUTCDay());
      dayOk = has(c.month, date.getUTCMonth() + 1) && (c.dom && c.dow ? domOk || dowOk : domOk && dowOk);
    }
    const minuteOfDay = local - d * 1440;
    if (dayOk && has(c.hour, Math.floor(minuteOfDay / 60)) && has(c.minute, minuteOfDay % 60)) out.push(utc);
  }
  return out;
}
