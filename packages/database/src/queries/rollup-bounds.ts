// How a range of the metrics page is read from the rollups of migration 0020: the whole UTC months, days or
// hours inside it from a rollup table, the partial ones at either end from the raw rows.

export type Grain = 'hour' | 'day' | 'month';

const floorTo = (t: Date, grain: Grain): Date => {
  const d = new Date(t);
  if (grain === 'month') d.setUTCDate(1);
  if (grain !== 'hour') d.setUTCHours(0);
  d.setUTCMinutes(0, 0, 0);
  return d;
};

const ceilTo = (t: Date, grain: Grain): Date => {
  const d = floorTo(t, grain);
  if (d.getTime() === t.getTime()) return d;
  if (grain === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else d.setUTCHours(d.getUTCHours() + 1);
  return d;
};

const earliest = (a: Date, b: Date) => (a < b ? a : b);
const latest = (a: Date, b: Date) => (a > b ? a : b);

/**
 * Query parameters `[from, to, a1, z1, a2, z2, …]` for the grains, finest first: [a1, z1) is the whole units of
 * the first grain inside [from, to), [a2, z2) those of the next grain inside [a1, z1), and so on (an empty
 * interval, a = z, when none fits). So raw rows are read in [from, a1) and [z1, to), rows of the first grain
 * in [a1, a2) and [z2, z1), …, and rows of the last grain in [an, zn): each instant exactly once.
 */
export function rollupBounds(from: Date, to: Date, grains: readonly Grain[]): Date[] {
  const bounds = [from, to];
  let [lo, hi] = [from, to];
  for (const grain of grains) {
    lo = earliest(ceilTo(lo, grain), hi);
    hi = latest(floorTo(hi, grain), lo);
    bounds.push(lo, hi);
  }
  return bounds;
}

/** `column` in [$a, $b) or [$c, $d): the ring that one grain (or the raw rows) covers. */
export const inRing = (column: string, a: number, b: number, c: number, d: number) =>
  `(${column} >= $${a} and ${column} < $${b} or ${column} >= $${c} and ${column} < $${d})`;

const offsets = new Map<string, Intl.DateTimeFormat>();

/**
 * Whether `timeZone` is a whole number of hours off UTC all through [from, to) (checked daily: offsets change
 * for months at a time), so that its hours and days are made of whole UTC hours. Not so for India, Nepal,
 * Newfoundland, central Australia and a few more: their charts are summed from the raw rows.
 */
export function wholeHoursOffUtc(timeZone: string, from: Date, to: Date): boolean {
  let fmt = offsets.get(timeZone);
  if (!fmt) offsets.set(timeZone, (fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  for (let t = from.getTime(); ; t = Math.min(t + 86_400_000, to.getTime())) {
    const offset = fmt.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value; // 'GMT', 'GMT-05:00', 'GMT+05:30'
    if (!/^GMT([+-]\d\d:00)?$/.test(offset)) return false;
    if (t >= to.getTime()) return true;
  }
}

/** Parameters $3..$6 of `bucketedSumsSql`: whole UTC hours from the hour table, unless the zone splits them. */
export const hourBounds = (r: { from: Date; to: Date; timeZone: string }) =>
  wholeHoursOffUtc(r.timeZone, r.from, r.to) ? rollupBounds(r.from, r.to, ['hour']) : [r.from, r.to, r.to, r.to];

export interface SummedColumn {
  name: string;
  /** What one raw row (alias r) adds; the hour table has a column of the same name. */
  raw: string;
  type: 'int' | 'float8';
}

/**
 * Sums per bucket ($1 'hour' or 'day') of the viewer's time zone ($2) over [$3, $4), with `hourBounds`
 * ($3..$6): the rows of `hourTable` in [$5, $6) and the raw rows of the rest. Buckets whose first column sums
 * to zero (all their rows deleted) are left out, as a count of raw rows would.
 */
export function bucketedSumsSql(opts: { hourTable: string; rawTable: string; at: string; rawWhere?: string; columns: readonly SummedColumn[] }): string {
  const { hourTable, rawTable, at, rawWhere, columns } = opts;
  return `select bucket, ${columns.map((c) => `sum(${c.name})::${c.type} as ${c.name}`).join(', ')} from (
      select date_trunc($1, hour, $2) as bucket, ${columns.map((c) => c.name).join(', ')} from ${hourTable} where hour >= $5 and hour < $6
      union all
      select date_trunc($1, r.${at}, $2), ${columns.map((c) => c.raw).join(', ')} from ${rawTable} r where ${inRing(`r.${at}`, 3, 5, 6, 4)}${rawWhere ? ` and ${rawWhere}` : ''}
    ) x group by 1 having sum(${columns[0]!.name}) > 0 order by 1`;
}
