'use client';
import { ThemeProvider } from 'next-themes';
import type { ReactNode } from 'react';
import { DateFormatProvider } from '@/components/dates/date-format';
import type { DateFormat } from '@/lib/dates';

export function Providers({
  children,
  nonce,
  dateFormat,
}: {
  children: ReactNode;
  nonce?: string;
  dateFormat: DateFormat;
}) {
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <DateFormatProvider initial={dateFormat}>{children}</DateFormatProvider>
    </ThemeProvider>
  );
}
