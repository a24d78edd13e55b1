'use client';
import { diffLines } from 'diff';
import { useMemo } from 'react';
import { cn } from '@/lib/cn';

/** Line diff from `before` to `after`: removed lines struck through in red, added ones in green. */
export function TextDiff({
  before,
  after,
  beforeLabel,
  afterLabel,
}: {
  before: string;
  after: string;
  beforeLabel: string;
  afterLabel: string;
}) {
  const parts = useMemo(() => diffLines(before, after), [before, after]);
  const changed = parts.some((p) => p.added || p.removed);
  return (
    <div className="flex flex-col gap-1 text-xs">
      <p className="flex flex-wrap gap-3 text-muted-foreground">
        <span>
          <span className="rounded-sm bg-danger/15 px-1 text-danger line-through">−</span> only in {beforeLabel}
        </span>
        <span>
          <span className="rounded-sm bg-success/15 px-1 text-success">+</span> only in {afterLabel}
        </span>
      </p>
      <pre
        tabIndex={0}
        aria-label="Differences"
        className="max-h-72 overflow-auto rounded-md border bg-background p-2 font-mono leading-relaxed whitespace-pre-wrap"
        data-testid="text-diff"
      >
        {changed
          ? parts.map((p, i) => (
              <span
                key={i}
                className={cn(
                  p.added && 'bg-success/15 text-success',
                  p.removed && 'bg-danger/15 text-danger line-through',
                  !p.added && !p.removed && 'text-muted-foreground',
                )}
              >
                {p.value}
              </span>
            ))
          : 'The two versions are the same.'}
      </pre>
    </div>
  );
}
