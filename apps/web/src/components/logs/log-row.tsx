'use client';
import { ChevronDown, ChevronRight } from 'lucide-react';
import { memo } from 'react';
import { cn } from '@/lib/cn';
import { formatDate, type DateFormat } from '@/lib/dates';
import { AnsiText } from './ansi-text';
import type { Line } from './use-log-window';

export const LEVEL_TONE: Record<string, string> = {
  error: 'text-danger',
  warn: 'text-warning',
  debug: 'text-muted-foreground',
  thought: 'text-info',
  info: 'text-foreground',
};

/** The message with the searched words marked (a line with ANSI colours keeps its colours instead). */
function Marked({ text, words }: { text: string; words: RegExp | null }) {
  if (!words || text.includes('\u001b[')) return <AnsiText text={text} />;
  const parts = text.split(words);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 ? (
          <mark key={i} className="rounded-sm bg-warning/30 text-foreground">
            {p}
          </mark>
        ) : (
          p
        ),
      )}
    </>
  );
}

export const LogRow = memo(function LogRow({
  line: l,
  fmt,
  open,
  onToggle,
  words,
  current,
  day,
}: {
  line: Line;
  fmt: DateFormat;
  /** The line's date, on the first line of a day: a log read on another day names which one its times are of. */
  day: string | null;
  open: boolean;
  onToggle: (id: string) => void;
  words: RegExp | null;
  current: boolean;
}) {
  const foldable = l.toolInput != null || l.toolOutput != null;
  return (
    <div
      className={cn(
        'border-l-2 px-2 py-0.5',
        l.level === 'error' ? 'border-danger bg-danger/5' : 'border-transparent',
        current && 'border-warning bg-warning/15',
      )}
      aria-current={current || undefined}
    >
      {day && <div className="mt-1 mb-0.5 text-xs font-medium text-muted-foreground select-none">{day}</div>}
      <div className="grid grid-cols-[3.5rem_5.5rem_3.5rem_minmax(0,1fr)] gap-2">
        <span className="text-right text-muted-foreground select-none">{l.line.toLocaleString('en')}</span>
        <span className="text-muted-foreground" title={formatDate(l.timestamp, 'exact', fmt)}>
          {formatDate(l.timestamp, 'clock', fmt)}
        </span>
        <span className={LEVEL_TONE[l.level]}>{l.level}</span>
        <span className="break-words whitespace-pre-wrap">
          {foldable && (
            <button
              type="button"
              className="mr-1 inline-flex align-middle text-muted-foreground hover:text-foreground"
              aria-expanded={open}
              aria-label={open ? 'Hide tool input and output' : 'Show tool input and output'}
              onClick={() => onToggle(l.id)}
            >
              {open ? <ChevronDown className="size-3" /> : <ChevronRight className="size-3" />}
            </button>
          )}
          <Marked text={l.message} words={words} />
        </span>
      </div>
      {foldable && open && (
        <pre className="mt-1 mb-1 ml-[12.5rem] overflow-x-auto rounded bg-muted p-2">
          {l.toolInput != null && `input:  ${JSON.stringify(l.toolInput, null, 2)}\n`}
          {l.toolOutput != null && `output: ${JSON.stringify(l.toolOutput, null, 2)}`}
        </pre>
      )}
    </div>
  );
});
