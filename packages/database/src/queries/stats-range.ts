/** A time window of the metrics page: [from, to), charted in hour or day buckets of the viewer's time zone. */
export interface StatsRange {
  from: Date;
  to: Date;
  bucket: 'hour' | 'day';
  timeZone: string;
  /** One gateway's figures (issue 18, the fleet); every gateway's, summed, when left out. */
  gatewayId?: string;
}

/** Parameters $1..$5 of every stats query, in this order ($5: the gateway, null for every gateway). */
export const rangeArgs = (r: StatsRange) => [r.from, r.to, r.bucket, r.timeZone, r.gatewayId ?? null];
