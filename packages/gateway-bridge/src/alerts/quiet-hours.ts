import type { QuietHours } from '@agent-studio/database';

/** Minutes since midnight in the zone. */
function minutesIn(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .formatToParts(now)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Within quiet hours (which may span midnight: 22:00–07:00); an unknown zone counts as UTC. */
export function inQuietHours(quiet: QuietHours | null, now: Date): boolean {
  if (!quiet || quiet.start === quiet.end) return false;
  let m: number;
  try {
    m = minutesIn(now, quiet.timeZone ?? 'UTC');
  } catch {
    m = minutesIn(now, 'UTC');
  }
  const start = toMinutes(quiet.start);
  const end = toMinutes(quiet.end);
  return start < end ? m >= start && m < end : m >= start || m < end;
}
