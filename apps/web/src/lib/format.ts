// Human-readable times, durations, numbers: the same words on every page.
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

export function relativeTime(date: Date | string, now = Date.now()): string {
  const diff = new Date(date).getTime() - now;
  // Intl says "now" for both; "OpenClaw deleted this session now" reads wrong
  if (Math.abs(diff) < 1000) return diff > 0 ? 'in a moment' : 'just now';
  for (const [unit, ms] of UNITS)
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
  return '';
}

export function megabytes(mb: number | null | undefined): string {
  if (mb == null) return '—';
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb} MB`;
}

export function duration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function percent(rate: number | null): string {
  return rate == null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

export function bytes(n: number | null | undefined): string {
  if (n == null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  for (; n >= 1024 && i < units.length - 1; i++) n /= 1024;
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

const tinyUsd = new Intl.NumberFormat('en', { maximumSignificantDigits: 2 });
/** "$12.40", "$0.042"; a cost under a tenth of a cent keeps two digits ("$0.000056", a mock model's chat turn). */
export function usd(n: number | null | undefined): string {
  if (n == null) return '—';
  if (n >= 1) return `$${n.toFixed(2)}`;
  return `$${n > 0 && n < 0.001 ? tinyUsd.format(n) : n.toFixed(3)}`;
}

/** "1 failure", "1,204 failures". */
export const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** A message as a sentence: a full stop added unless it ends with one (or a ? or !). */
export const asSentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** A content type as people write it: `blog_post` → "blog post". */
export const contentTypeInWords = (type: string) => type.replace(/_+/g, ' ');

/**
 * A model as every page writes it: its name, as the metrics group it ("sim-1"), with OpenClaw's model reference
 * ("simulator/sim-1") on hover. A name that already carries its provider loses it.
 */
export function modelName(model: string | null, provider: string | null): { name: string; ref?: string } {
  if (!model) return { name: '—' };
  const name = provider && model.startsWith(`${provider}/`) ? model.slice(provider.length + 1) : model;
  return { name, ref: provider ? `${provider}/${name}` : undefined };
}
