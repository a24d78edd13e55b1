import type { Unit } from './units';

// Each figure keeps one colour on every chart of the page (runs are blue wherever they are drawn).
export const SERIES_COLORS = {
  runs: 'var(--chart-blue)',
  rate: 'var(--chart-green)',
  p50: 'var(--chart-violet)',
  p95: 'var(--chart-pink)',
  tokens: 'var(--chart-teal)',
  cost: 'var(--chart-amber)',
  median: 'var(--chart-violet)',
  avg: 'var(--chart-orange)',
  items: 'var(--chart-blue)',
  views: 'var(--chart-blue)',
  engagement: 'var(--chart-pink)',
  clicks: 'var(--chart-amber)',
  max: 'var(--chart-slate)',
} as const;

/** Categories with no meaning of their own (content types): a colour each, by their place in a sorted list. */
const CATEGORY = [
  'var(--chart-blue)',
  'var(--chart-green)',
  'var(--chart-amber)',
  'var(--chart-violet)',
  'var(--chart-pink)',
  'var(--chart-teal)',
  'var(--chart-orange)',
  'var(--chart-slate)',
];
export const categoryColor = (index: number) => CATEGORY[index % CATEGORY.length]!;

/** What the bridge samples, in words: its metric names are keys (`cost.last_hour`). */
const SAMPLES: Record<string, { title: string; unit: Unit; scale?: number }> = {
  'gateway.up': { title: 'Gateway connected (share of samples)', unit: 'percent', scale: 100 },
  'agents.active': { title: 'Agents running', unit: 'count' },
  'tokens.last_hour': { title: 'Tokens used in the past hour', unit: 'tokens' },
  'cost.last_hour': { title: 'Cost of the past hour', unit: 'usd' },
  'cron.success_rate_24h': { title: 'Cron success rate, past 24 hours', unit: 'percent' },
  'disk.workspace': { title: 'Workspace disk used', unit: 'percent' },
  'disk.gtm': { title: 'GTM folder disk used', unit: 'percent' },
};
const UNITS: Record<string, Unit> = { percent: 'percent', usd: 'usd', tokens: 'tokens' };

/** A sampled metric's title, unit and scale; one the studio does not know keeps its name, made readable. */
export function sampleInWords(name: string, unit: string | null): { title: string; unit: Unit; scale: number } {
  const known = SAMPLES[name];
  if (known) return { scale: 1, ...known };
  const words = name.replace(/[._]+/g, ' ');
  return { title: `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`, unit: UNITS[unit ?? ''] ?? 'number', scale: 1 };
}
