import { duration, usd } from '@/lib/format';

export type Unit = 'percent' | 'ms' | 'tokens' | 'usd' | 'count' | 'hours' | 'number';

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

/** A figure in its unit; `short` for axis ticks. */
export function formatValue(v: number, unit: Unit, short = false): string {
  switch (unit) {
    case 'percent':
      return `${plain.format(v)}%`;
    case 'ms':
      return short ? `${compact.format(v / 1000)}s` : duration(Math.round(v));
    case 'usd':
      return short ? `$${compact.format(v)}` : usd(v);
    case 'hours':
      return short ? `${compact.format(v)}h` : v < 48 ? `${plain.format(v)} h` : `${plain.format(v / 24)} days`;
    case 'tokens':
    case 'count':
      return short ? compact.format(v) : plain.format(v);
    default:
      return plain.format(v);
  }
}
