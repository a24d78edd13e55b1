// The one way the studio writes a date: in the viewer's time zone and their region's order, always with the
// month's name (4 Dec 2026 / Dec 4, 2026, never 04/12/2026), English words whatever the browser's language.
// Pure: the server (from the viewer's cookie) and the browser format the same instant to the same text.

export interface DateFormat {
  /** An English locale in the viewer's region order: en-US, en-GB, en-DE… */
  locale: string;
  /** An IANA time zone. */
  timeZone: string;
}

export type DateStyle = 'datetime' | 'date' | 'day' | 'dayhour' | 'daytime' | 'time' | 'clock' | 'exact';

const STYLES: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  /** 4 Dec 2026, 13:05 */
  datetime: { day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' },
  /** 4 Dec 2026 */
  date: { day: 'numeric', month: 'short', year: 'numeric' },
  /** 4 Dec (chart labels, a day bucket) */
  day: { day: 'numeric', month: 'short' },
  /** 4 Dec, 13:00 (an hour bucket) */
  dayhour: { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  /** Fri 4 Dec, 13:05 (what is near: next runs, chart points) */
  daytime: { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' },
  /** 13:05 */
  time: { hour: 'numeric', minute: '2-digit' },
  /** 13:05:07 (log lines) */
  clock: { hour: 'numeric', minute: '2-digit', second: '2-digit' },
  /** Fri, 4 Dec 2026, 13:05:07 CET (on hover) */
  exact: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  },
};

export const DATE_COOKIE = 'studio-dates';
const FALLBACK: DateFormat = { locale: 'en-GB', timeZone: 'UTC' };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: DateStyle, locale: string, timeZone: string, zone: boolean): Intl.DateTimeFormat {
  const key = `${style}|${locale}|${timeZone}|${zone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      ...STYLES[style],
      timeZone,
      ...(zone && !STYLES[style].timeZoneName ? { timeZoneName: 'short' } : {}),
    };
    // a 24-hour region writes 09:05, a 12-hour one 9:05 AM
    if (
      options.hour &&
      new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle?.startsWith('h2')
    )
      options.hour = '2-digit';
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * `date` written in `style` for the viewer (`fmt`); `timeZone` writes it in another zone (a job's own), and
 * `zone` names the zone after it (where it is not the viewer's).
 */
export function formatDate(
  date: Date | string | number,
  style: DateStyle,
  fmt: DateFormat,
  p: { timeZone?: string | null; zone?: boolean } = {},
): string {
  const d = new Date(date);
  if (Number.isNaN(d.getTime())) return '—';
  const timeZone = p.timeZone || fmt.timeZone;
  return formatter(style, fmt.locale, timeZone, p.zone ?? false).format(d);
}

/** The hour (0-23) and minute a clock in `timeZone` shows at `date`. */
export function clockIn(date: Date | number, timeZone: string): { hour: number; minute: number } {
  const parts = formatter('time', 'en-GB', timeZone, false).formatToParts(new Date(date));
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { hour: part('hour') % 24, minute: part('minute') };
}

/** The studio's locale for a browser's languages: English words in the order of the first language's region. */
export function studioLocale(languages: readonly string[]): string {
  const first = languages.find((l) => isLocale(l));
  if (!first) return FALLBACK.locale;
  const locale = new Intl.Locale(first);
  if (locale.language === 'en') return locale.baseName;
  const region = locale.maximize().region;
  return region ? `en-${region}` : FALLBACK.locale;
}

function isLocale(tag: string): boolean {
  try {
    return tag.length < 40 && Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** Whether `zone` is an IANA time zone this runtime knows (OpenClaw refuses others). */
export function isTimeZone(zone: string): boolean {
  try {
    return zone.length < 60 && Boolean(new Intl.DateTimeFormat('en', { timeZone: zone }));
  } catch {
    return false;
  }
}

/** The cookie's value for `fmt`, and back (anything else in it gives null). */
export const dateCookieValue = (fmt: DateFormat) => encodeURIComponent(`${fmt.locale}|${fmt.timeZone}`);
export function parseDateCookie(value: string | undefined): DateFormat | null {
  if (!value || value.length > 200) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return null;
  }
  const [locale, timeZone] = decoded.split('|');
  if (!locale || !timeZone || !isLocale(locale) || !isTimeZone(timeZone)) return null;
  return { locale: studioLocale([locale]), timeZone };
}

/** The format of the browser this runs in. */
export function browserDateFormat(): DateFormat {
  return {
    locale: studioLocale(navigator.languages?.length ? navigator.languages : [navigator.language]),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || FALLBACK.timeZone,
  };
}

/** Accept-Language's languages, best first. */
export function acceptedLanguages(header: string | null): string[] {
  if (!header) return [];
  return header
    .slice(0, 500)
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag!.trim(), q: q ? Number(q) : 1 };
    })
    .filter((l) => l.tag && l.tag !== '*')
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

export { FALLBACK as FALLBACK_DATE_FORMAT };
