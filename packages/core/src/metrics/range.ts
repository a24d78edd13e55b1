// The metrics page's time window: a preset (24 h, 7 d, 30 d) or custom dates from the URL, and the bucket
// sizes that keep every chart at a readable number of points (and its query on the rollups past a few days).
import { z } from 'zod';

export const rangePresets = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type RangeKey = keyof typeof rangePresets | 'custom';

const date = z.iso.date();

/** The page's search params; anything malformed falls back to the default week rather than failing the page. */
export const metricsPageParams = z.object({
  range: z.enum(['24h', '7d', '30d', 'custom']).catch('7d').default('7d'),
  from: date.optional().catch(undefined),
  to: date.optional().catch(undefined),
});

export interface ResolvedRange {
  key: RangeKey;
  from: Date;
  to: Date;
  /** Bucket of the run, usage and content charts. */
  bucket: 'hour' | 'day';
  /** Bucket of the sampled system metrics, in seconds (whole hours and days read the rollups). */
  sampleSeconds: number;
}

const DAY = 86_400_000;

/** Custom dates are whole days in the server's time zone, `to` included; a reversed pair is swapped. */
export function resolveRange(params: z.input<typeof metricsPageParams>, now = new Date()): ResolvedRange {
  const p = metricsPageParams.parse(params);
  let from: Date;
  let to: Date;
  if (p.range === 'custom' && p.from && p.to) {
    const [a, b] = [p.from, p.to].sort();
    from = new Date(`${a}T00:00:00`);
    to = new Date(new Date(`${b}T00:00:00`).getTime() + DAY);
  } else {
    const key = p.range === 'custom' ? '7d' : p.range;
    to = now;
    from = new Date(now.getTime() - rangePresets[key]);
    return { key, from, to, ...bucketsFor(to.getTime() - from.getTime()) };
  }
  return { key: 'custom', from, to, ...bucketsFor(to.getTime() - from.getTime()) };
}

function bucketsFor(spanMs: number): Pick<ResolvedRange, 'bucket' | 'sampleSeconds'> {
  if (spanMs <= 2 * DAY) return { bucket: 'hour', sampleSeconds: 900 };
  if (spanMs <= 14 * DAY) return { bucket: 'hour', sampleSeconds: 3600 };
  if (spanMs <= 90 * DAY) return { bucket: 'day', sampleSeconds: 6 * 3600 };
  return { bucket: 'day', sampleSeconds: 86_400 };
}
