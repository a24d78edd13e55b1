'use client';
import { RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { gtmRevision } from '@agent-studio/core/api';
import { LocalTime } from '@/components/dates/date-format';
import { Button } from '@/components/ui/button';
import { api, ApiError } from '@/lib/api-client';
import { cn } from '@/lib/cn';
import { TextDiff } from './text-diff';

type Revision = z.infer<typeof gtmRevision>;

const AUTHOR: Record<Revision['author']['kind'], string> = {
  owner: 'You',
  token: 'API token',
  disk: 'File on disk',
  agent: 'Agent',
  scheduler: 'Scheduler',
  studio: 'Studio',
};
const shortName = (r: Revision) =>
  r.author.kind === 'disk' ? (r.author.name.split('/').pop() ?? r.author.name) : r.author.name;

/** Every saved text, newest first; pick one to see how it differs from the editor's text, and bring it back. */
export function HistoryPanel({
  id,
  revision,
  current,
  onRestore,
}: {
  id: string;
  revision: number;
  current: string;
  onRestore: (revision: number) => Promise<string | null>;
}) {
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [selected, setSelected] = useState<{ revision: number; text: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api('listGtmRevisions', { params: { id } })
      .then((r) => live && setRevisions(r.revisions))
      .catch(() => live && setMessage('The history could not be loaded.'));
    return () => {
      live = false;
    };
  }, [id, revision]);

  const pick = async (n: number) => {
    setMessage(null);
    try {
      const { revision: r } = await api('getGtmRevision', { params: { id, revision: n } });
      setSelected({ revision: n, text: r.contentMd });
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'That revision could not be loaded.');
    }
  };
  const restore = async () => {
    if (!selected) return;
    const problem = await onRestore(selected.revision);
    setMessage(problem ?? `Revision ${selected.revision} is back, saved as a new revision.`);
    if (!problem) setSelected(null);
  };

  return (
    <div className="flex flex-col gap-3 text-sm">
      {revisions === null ? (
        <p className="text-muted-foreground">Loading the history…</p>
      ) : (
        <ol className="flex max-h-72 flex-col divide-y overflow-auto rounded-md border" aria-label="Revisions">
          {revisions.map((r) => (
            <li key={r.revision}>
              <button
                type="button"
                onClick={() => void pick(r.revision)}
                aria-pressed={selected?.revision === r.revision}
                className={cn(
                  'flex w-full flex-wrap items-baseline gap-x-2 px-3 py-2 text-left hover:bg-muted/60',
                  selected?.revision === r.revision && 'bg-muted',
                )}
              >
                <span className="font-medium">Revision {r.revision}</span>
                {r.revision === revision && <span className="text-xs text-success">current</span>}
                <span className="text-xs text-muted-foreground">
                  {AUTHOR[r.author.kind]}
                  {r.author.kind !== 'owner' && ` · ${shortName(r)}`} · <LocalTime date={r.createdAt} />
                  {r.restoredFrom !== null && ` · restored from ${r.restoredFrom}`}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {selected && (
        <div className="flex flex-col gap-2">
          <TextDiff
            before={selected.text}
            after={current}
            beforeLabel={`revision ${selected.revision}`}
            afterLabel="the editor"
          />
          <div>
            <Button
              size="sm"
              variant="outline"
              disabled={selected.revision === revision && selected.text === current}
              onClick={() => void restore()}
            >
              <RotateCcw aria-hidden /> Restore revision {selected.revision}
            </Button>
          </div>
        </div>
      )}
      {message && (
        <p role="status" className="text-muted-foreground">
          {message}
        </p>
      )}
    </div>
  );
}
