/** A time window of the metrics page: [from, to), charted in hour or day buckets of the viewer's time zone. */
export interface StatsRange {
  from: Date;
  to: Date;
  bucket: 'hour' | 'day';
  timeZone: string;
}

/** Parameters $1..$4 of every stats query, in this order. */
export const rangeArgs = (r: StatsRange) => [r.from, r.to, r.bucket, r.timeZone];
