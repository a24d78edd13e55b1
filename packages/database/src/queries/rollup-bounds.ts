// How a range of the metrics page is read from the rollups of migration 0020: the whole UTC months, days or
// hours inside it from a rollup table, the partial ones at either end from the raw rows.
import type { StatsRange } from './stats-range';

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

/** `timeZone`'s offsets from UTC over [from, to), checked daily (offsets change for months at a time). */
function offsetsDuring(timeZone: string, from: Date, to: Date): Set<string> {
  let fmt = offsets.get(timeZone);
  if (!fmt) offsets.set(timeZone, (fmt = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })));
  const seen = new Set<string>();
  for (let t = from.getTime(); ; t = Math.min(t + 86_400_000, to.getTime())) {
    seen.add(fmt.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value); // 'GMT+00:00', 'GMT-05:00', 'GMT+05:30'
    if (t >= to.getTime()) return seen;
  }
}

/**
 * The UTC grains whose units lie inside one bucket of the zone all through [from, to): hours when the zone is a
 * whole number of hours off UTC (not India, Nepal, Newfoundland, central Australia and a few more, whose charts
 * are summed from the raw rows), and days too for day buckets in a zone at UTC's offset.
 */
export function grainsInZone(timeZone: string, from: Date, to: Date, bucket: 'hour' | 'day'): Grain[] {
  const seen = [...offsetsDuring(timeZone, from, to)];
  if (!seen.every((o) => /^GMT([+-]\d\d:00)?$/.test(o))) return [];
  return bucket === 'day' && seen.every((o) => /^GMT([+-]00:00)?$/.test(o)) ? ['hour', 'day'] : ['hour'];
}

/** `gateway_id` is `$n`'s gateway, or any when `$n` is null (every gateway's rows: their sum). */
export const ofGateway = (n: number, column = 'gateway_id') => `($${n}::uuid is null or ${column} = $${n})`;

/** Parameters $3..$9 of `bucketedSumsSql`: the bounds, then the gateway (null: every gateway). */
export function bucketBounds(r: StatsRange): (Date | string | null)[] {
  const bounds = rollupBounds(r.from, r.to, grainsInZone(r.timeZone, r.from, r.to, r.bucket));
  while (bounds.length < 6) bounds.push(bounds.at(-1)!, bounds.at(-1)!); // a grain not used reads nothing
  return [...bounds, r.gatewayId ?? null];
}

export interface SummedColumn {
  name: string;
  /** What one raw row (alias r) adds; the totals table has a column of the same name. */
  raw: string;
  type: 'int' | 'float8';
}

/**
 * Sums per bucket ($1 'hour' or 'day') of the viewer's time zone ($2) over [$3, $4), with `bucketBounds`
 * ($3..$9): hour totals in [$5, $7) and [$8, $6), day totals in [$7, $8), raw rows in the rest, of the gateway
 * $9 (null: every gateway's, summed). Buckets whose
 * first column sums to zero (all their rows deleted) are left out, as a count of raw rows would.
 */
export function bucketedSumsSql(opts: {
  totals: string;
  rawTable: string;
  at: string;
  rawWhere?: string;
  columns: readonly SummedColumn[];
}): string {
  const { totals, rawTable, at, rawWhere, columns } = opts;
  return `select bucket, ${columns.map((c) => `sum(${c.name})::${c.type} as ${c.name}`).join(', ')} from (
      select date_trunc($1, bucket, $2) as bucket, ${columns.map((c) => c.name).join(', ')} from ${totals}
       where (grain = 'hour' and ${inRing('bucket', 5, 7, 8, 6)} or grain = 'day' and bucket >= $7 and bucket < $8) and ${ofGateway(9)}
      union all
      select date_trunc($1, r.${at}, $2), ${columns.map((c) => c.raw).join(', ')} from ${rawTable} r
       where ${inRing(`r.${at}`, 3, 5, 6, 4)} and ${ofGateway(9, 'r.gateway_id')}${rawWhere ? ` and ${rawWhere}` : ''}
    ) x group by 1 having sum(${columns[0]!.name}) > 0 order by 1`;
}
