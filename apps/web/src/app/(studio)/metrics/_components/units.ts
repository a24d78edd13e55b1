import { duration, usd } from '@/lib/format';

export type Unit = 'percent' | 'ms' | 'tokens' | 'usd' | 'count' | 'hours' | 'number';

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 3 });
const plain = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const cents = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });

/** A figure in its unit; `short` for axis ticks (small values keep their digits: $0.004, 12m). */
export function formatValue(v: number, unit: Unit, short = false): string {
  switch (unit) {
    case 'percent':
      return `${plain.format(v)}%`;
    case 'ms':
      return short ? `${compact.format(v / 1000)}s` : duration(Math.round(v));
    case 'usd':
      return short ? `$${Math.abs(v) < 1 ? cents.format(v) : compact.format(v)}` : usd(v);
    case 'hours':
      // significant digits, not rounding: ticks 0.3 s apart stay apart
      if (v === 0) return '0';
      if (v < 1 / 60) return `${compact.format(v * 3600)}${short ? 's' : ' s'}`;
      if (v < 1) return `${compact.format(v * 60)}${short ? 'm' : ' min'}`;
      return short ? `${compact.format(v)}h` : v < 48 ? `${plain.format(v)} h` : `${plain.format(v / 24)} days`;
    case 'tokens':
    case 'count':
      return short ? compact.format(v) : plain.format(v);
    default:
      return short ? compact.format(v) : plain.format(v);
  }
}

/** Units counted in whole numbers (their axes need no 0.5 ticks). */
export const wholeUnits: readonly Unit[] = ['tokens', 'count'];
