'use client';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { mergeText } from '@/lib/merge-text';
import { TextDiff } from './text-diff';

export interface ConflictChooserProps {
  /** What happened, in a sentence. */
  title: string;
  theirsLabel: string;
  mine: string;
  theirs: string;
  /** The text both started from, for the merge proposal. */
  loadBase: () => Promise<string>;
  onChoose: (keep: string) => Promise<unknown>;
}

/** Two versions of one text: the owner keeps theirs, keeps their own, or merges by hand. Nothing is dropped unseen. */
export function ConflictChooser({ title, theirsLabel, mine, theirs, loadBase, onChoose }: ConflictChooserProps) {
  const [merging, setMerging] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const choose = async (keep: string) => {
    setBusy(true);
    try {
      await onChoose(keep);
      setMerging(null);
    } finally {
      setBusy(false);
    }
  };
  const startMerge = async () => {
    setBusy(true);
    try {
      setMerging(mergeText(mine, await loadBase().catch(() => ''), theirs).text);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section
      role="alertdialog"
      aria-labelledby="conflict-title"
      className="flex flex-col gap-3 rounded-lg border border-warning bg-warning/10 p-4 text-sm"
    >
      <h2 id="conflict-title" className="font-semibold">
        {title}
      </h2>
      <p className="text-muted-foreground">
        Nothing is saved until you choose. Both versions stay in the history either way.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <Version caption="Yours" label="Your version" testId="conflict-mine" text={mine} />
        <Version caption={theirsLabel} label="Their version" testId="conflict-theirs" text={theirs} />
      </div>
      <details>
        <summary className="cursor-pointer text-xs font-medium">What differs</summary>
        <div className="mt-2">
          <TextDiff before={theirs} after={mine} beforeLabel={theirsLabel.toLowerCase()} afterLabel="yours" />
        </div>
      </details>
      {merging === null ? (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="outline" disabled={busy} onClick={() => void choose(theirs)}>
            Keep theirs
          </Button>
          <Button size="sm" variant="outline" disabled={busy} onClick={() => void choose(mine)}>
            Keep mine
          </Button>
          <Button size="sm" disabled={busy} onClick={() => void startMerge()}>
            Merge by hand
          </Button>
        </div>
      ) : (
        <div className="flex flex-col gap-2">
          <label htmlFor="merge-text" className="text-xs font-medium">
            Merged text: both changes where they do not overlap; where they do, both sit between
            &lt;&lt;&lt;&lt;&lt;&lt;&lt; and &gt;&gt;&gt;&gt;&gt;&gt;&gt; for you to settle
          </label>
          <textarea
            id="merge-text"
            value={merging}
            onChange={(e) => setMerging(e.target.value)}
            rows={10}
            className="rounded-md border bg-card p-2 font-mono text-xs"
          />
          <div className="flex gap-2">
            <Button size="sm" disabled={busy} onClick={() => void choose(merging)}>
              Save merged text
            </Button>
            <Button size="sm" variant="ghost" disabled={busy} onClick={() => setMerging(null)}>
              Back
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

/** One side of the conflict, as it was written. */
function Version({ caption, label, testId, text }: { caption: string; label: string; testId: string; text: string }) {
  return (
    <figure className="flex min-w-0 flex-col gap-1">
      <figcaption className="text-xs font-medium">{caption}</figcaption>
      <pre
        tabIndex={0}
        aria-label={label}
        className="max-h-48 overflow-auto rounded-md border bg-card p-2 font-mono text-xs whitespace-pre-wrap"
        data-testid={testId}
      >
        {text}
      </pre>
    </figure>
  );
}
