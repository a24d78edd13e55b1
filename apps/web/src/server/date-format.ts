import 'server-only';
import { cookies, headers } from 'next/headers';
import {
  acceptedLanguages,
  DATE_COOKIE,
  FALLBACK_DATE_FORMAT,
  parseDateCookie,
  studioLocale,
  type DateFormat,
} from '@/lib/dates';

/**
 * The viewer's date format for server components: what their browser stored in the cookie, else their
 * Accept-Language and this server's zone until the browser tells its own (DateFormatProvider).
 */
export async function getDateFormat(): Promise<DateFormat> {
  const stored = parseDateCookie((await cookies()).get(DATE_COOKIE)?.value);
  if (stored) return stored;
  return {
    locale: studioLocale(acceptedLanguages((await headers()).get('accept-language'))),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || FALLBACK_DATE_FORMAT.timeZone,
  };
}
