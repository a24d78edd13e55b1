'use client';
import { useState, type ComponentProps } from 'react';
import { formatDate } from '@/lib/dates';
import { useDateFormat } from './date-format';

/**
 * A date (or date and time) input that also writes what was picked with the month's name: the browser draws
 * the input in its own order (mm/dd/yyyy in en-US), which reads both ways.
 */
export function DateField({
  type,
  defaultValue,
  className,
  ...props
}: Omit<ComponentProps<'input'>, 'type' | 'defaultValue' | 'value'> & {
  type: 'date' | 'datetime-local';
  defaultValue?: string;
}) {
  const fmt = useDateFormat();
  const [value, setValue] = useState(defaultValue ?? '');
  // the input's value is the browser's local time, and the viewer's zone is the browser's
  const picked = value ? new Date(type === 'date' ? `${value}T12:00` : value) : null;
  return (
    <span className="inline-flex min-w-0 flex-col gap-0.5">
      <input
        {...props}
        type={type}
        defaultValue={defaultValue}
        onChange={(e) => {
          setValue(e.target.value);
          props.onChange?.(e);
        }}
        className={className}
      />
      <span className="text-xs text-muted-foreground" data-date-echo>
        {picked && !Number.isNaN(picked.getTime())
          ? formatDate(picked, type === 'date' ? 'date' : 'datetime', fmt, { zone: type !== 'date' })
          : ' '}
      </span>
    </span>
  );
}

/** `YYYY-MM-DDTHH:mm` in the browser's zone, for a datetime-local input. */
export function localInputValue(date: Date | string): string {
  const d = new Date(date);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
