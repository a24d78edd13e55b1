'use client';
import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import {
  browserDateFormat,
  DATE_COOKIE,
  dateCookieValue,
  FALLBACK_DATE_FORMAT,
  formatDate,
  type DateFormat,
  type DateStyle,
} from '@/lib/dates';

const Context = createContext<DateFormat>(FALLBACK_DATE_FORMAT);

/** The viewer's date format for client components (`formatDate(d, style, useDateFormat())`). */
export const useDateFormat = () => useContext(Context);

/**
 * Gives client components the format the server rendered with (`initial`, from the viewer's cookie), so both
 * agree while hydrating; when the browser's locale or zone differ (a first visit, a trip), it stores them in
 * the cookie and renders the page again with them.
 */
export function DateFormatProvider({ initial, children }: { initial: DateFormat; children: ReactNode }) {
  const [fmt, setFmt] = useState(initial);
  const router = useRouter();
  useEffect(() => {
    const browser = browserDateFormat();
    if (browser.locale === initial.locale && browser.timeZone === initial.timeZone) return;
    document.cookie = `${DATE_COOKIE}=${dateCookieValue(browser)}; path=/; max-age=31536000; samesite=lax`;
    setFmt(browser);
    router.refresh();
    // once per page load: the server's later answers carry the cookie
  }, []);
  return <Context value={fmt}>{children}</Context>;
}

/** An absolute date as a <time>, in the viewer's zone (or `timeZone`, then named), the exact time on hover. */
export function LocalTime({
  date,
  style = 'datetime',
  timeZone,
  className,
}: {
  date: Date | string | number | null | undefined;
  style?: DateStyle;
  timeZone?: string | null;
  className?: string;
}) {
  const fmt = useDateFormat();
  if (date == null) return <span className="text-muted-foreground">—</span>;
  const own = Boolean(timeZone && timeZone !== fmt.timeZone);
  return (
    <time
      dateTime={new Date(date).toISOString()}
      title={formatDate(date, 'exact', fmt, { timeZone })}
      className={className}
    >
      {formatDate(date, style, fmt, { timeZone, zone: own })}
    </time>
  );
}
