// How a range of the metrics page is read from the rollups of migration 0020: the whole UTC months, days or
// hours inside it come from a rollup table, the partial ones at either end from the raw rows.

export type Grain = 'hour' | 'day' | 'month';

export interface Span {
  grain: Grain | 'raw';
  from: Date;
  to: Date;
}

const floorTo = (t: Date, grain: Grain): Date => {
  const d = new Date(t);
  if (grain === 'month') d.setUTCDate(1);
  if (grain !== 'hour') d.setUTCHours(0);
  d.setUTCMinutes(0, 0, 0);
  return d;
};

const next = (t: Date, grain: Grain): Date => {
  const d = new Date(t);
  if (grain === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else if (grain === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else d.setUTCHours(d.getUTCHours() + 1);
  return d;
};

/** [from, to) as whole UTC units of the grains, coarsest first, and raw spans for what is left at either end. */
export function coverRange(from: Date, to: Date, grains: readonly Grain[]): Span[] {
  if (from >= to) return [];
  const [grain, ...finer] = grains;
  if (!grain) return [{ grain: 'raw', from, to }];
  const lo = floorTo(from, grain);
  const start = lo.getTime() === from.getTime() ? lo : next(lo, grain);
  const end = floorTo(to, grain);
  if (start >= end) return coverRange(from, to, finer);
  return [...coverRange(from, start, finer), { grain, from: start, to: end }, ...coverRange(end, to, finer)];
}

/** The spans as three array parameters, read by `spansFrom(n)` (n is the first one's number). */
export const spanArgs = (spans: readonly Span[]) => [spans.map((s) => s.grain), spans.map((s) => s.from), spans.map((s) => s.to)];

export const spansFrom = (n: number) => `unnest($${n}::text[], $${n + 1}::timestamptz[], $${n + 2}::timestamptz[]) s(grain, lo, hi)`;

export interface SummedColumn {
  name: string;
  /** What one raw row adds (the hour table has a column of the same name). */
  raw: string;
  type: 'int' | 'float8';
}

/**
 * Sums per bucket ($1 'hour' or 'day') of the viewer's time zone ($2) over the spans ($3..$5) of
 * `coverRange(from, to, ['hour'])`: each UTC hour of `hourTable` that lies inside one bucket, and the raw rows
 * of what is left, the partial hours at either end and the hours a bucket boundary splits (zones off UTC by
 * part of an hour). Buckets whose first column sums to zero (all their rows deleted) are left out, as a raw
 * count would.
 */
export function bucketedSumsSql(opts: { hourTable: string; rawTable: string; at: string; rawWhere: string; columns: readonly SummedColumn[] }): string {
  const { hourTable, rawTable, at, rawWhere, columns } = opts;
  return `with spans as (select * from ${spansFrom(3)}),
    hours as (
      select h.*, date_trunc($1, h.hour, $2) as bucket,
             date_trunc($1, h.hour + interval '1 hour' - interval '1 microsecond', $2) = date_trunc($1, h.hour, $2) as whole
        from spans s join ${hourTable} h on s.grain = 'hour' and h.hour >= s.lo and h.hour < s.hi
    ),
    raw_spans as (select lo, hi from spans where grain = 'raw' union all select hour, hour + interval '1 hour' from hours where not whole)
    select bucket, ${columns.map((c) => `sum(${c.name})::${c.type} as ${c.name}`).join(', ')} from (
      select bucket, ${columns.map((c) => c.name).join(', ')} from hours where whole
      union all
      select date_trunc($1, r.${at}, $2), ${columns.map((c) => c.raw).join(', ')}
        from raw_spans s join ${rawTable} r on r.${at} >= s.lo and r.${at} < s.hi where ${rawWhere}
    ) x group by 1 having sum(${columns[0]!.name}) > 0 order by 1`;
}
