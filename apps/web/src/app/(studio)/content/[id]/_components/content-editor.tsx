'use client';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import { useDateFormat } from '@/components/dates/date-format';
import { Card, CardHeader } from '@/components/ui/card';
import { api, ApiError } from '@/lib/api-client';
import { cn } from '@/lib/cn';
import { formatDate, type DateFormat } from '@/lib/dates';
import { ConflictChooser } from './conflict-chooser';
import { ContentPreview } from './content-preview';
import { HistoryPanel } from './history-panel';
import { MarkdownEditor } from './markdown-editor';
import { useAutosave, type SaveState } from './use-autosave';

function stateText(s: SaveState, fmt: DateFormat): string {
  switch (s.kind) {
    case 'saved':
      return s.at ? `Saved ${formatDate(s.at, 'time', fmt)}` : 'All changes saved';
    case 'unsaved':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'offline':
      return 'Offline — will retry';
    case 'failed':
      return `Not saved: ${s.message}`;
    case 'conflict':
      return 'Not saved: changed elsewhere — choose below';
  }
}

export interface ContentEditorProps {
  id: string;
  contentMd: string;
  revision: number;
  diskMd: string | null;
}

/** The item's markdown with a live (sanitized) preview, autosave, the conflict choosers and the history. */
export function ContentEditor({ id, contentMd, revision, diskMd: diskFromServer }: ContentEditorProps) {
  const router = useRouter();
  const [diskMd, setDiskMd] = useState(diskFromServer);
  const fmt = useDateFormat();
  useEffect(() => setDiskMd(diskFromServer), [diskFromServer]);
  const server = useMemo(() => ({ text: contentMd, revision }), [contentMd, revision]);
  const { text, state, change, save, resolve, base } = useAutosave(id, server, setDiskMd);
  const preview = useDeferredValue(text);

  // Ctrl/Cmd+S anywhere on the page saves now (the editor handles it itself when focused)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && !e.defaultPrevented) {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const leave = async () => {
    if (await save()) router.push('/content');
  };
  const revisionText = async (n: number) =>
    (await api('getGtmRevision', { params: { id, revision: n } })).revision.contentMd;
  const lastFromDisk = async () => {
    const { revisions } = await api('listGtmRevisions', { params: { id } });
    const r = revisions.find((x) => x.author.kind === 'disk' || x.author.kind === 'agent');
    return r ? revisionText(r.revision) : '';
  };
  const restore = async (n: number): Promise<string | null> => {
    if (!(await save())) return 'Save or settle the current text first.';
    try {
      const { output } = await api('restoreGtmRevision', {
        params: { id, revision: n },
        body: { baseRevision: base().revision },
      });
      await resolve(output.contentMd ?? '', { text: output.contentMd ?? '', revision: output.revision });
      return null;
    } catch (err) {
      return err instanceof ApiError ? err.message : 'The restore did not work.';
    }
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs">
        <p
          role="status"
          aria-live="polite"
          data-save-state={state.kind}
          className={cn(
            'font-medium',
            state.kind === 'saved'
              ? 'text-muted-foreground'
              : state.kind === 'conflict' || state.kind === 'failed'
                ? 'text-danger'
                : 'text-warning',
          )}
        >
          {stateText(state, fmt)}
        </p>
        <p className="hidden text-muted-foreground sm:block">
          <kbd>Ctrl/⌘ S</kbd> save · <kbd>Ctrl/⌘ B</kbd> bold · <kbd>Ctrl/⌘ I</kbd> italic · <kbd>Esc</kbd> save and
          leave
        </p>
      </div>
      {state.kind === 'conflict' && (
        <ConflictChooser
          title="Someone saved this text since you started editing"
          theirsLabel={`Theirs (revision ${state.theirs.revision})`}
          mine={text}
          theirs={state.theirs.text}
          loadBase={() => revisionText(base().revision)}
          onChoose={(keep) => resolve(keep, state.theirs)}
        />
      )}
      {diskMd !== null && state.kind !== 'conflict' && (
        <ConflictChooser
          title="The file on disk changed after you edited it here"
          theirsLabel="On disk"
          mine={text}
          theirs={diskMd}
          loadBase={lastFromDisk}
          onChoose={(keep) => resolve(keep, base(), { resolveDisk: true })}
        />
      )}
      <div className="grid gap-3 lg:grid-cols-2">
        <MarkdownEditor
          value={text}
          onChange={change}
          onSave={() => void save()}
          onLeave={() => void leave()}
          label="Content (markdown)"
        />
        <Card aria-label="Preview" className="min-w-0">
          <CardHeader title="Preview" />
          <ContentPreview markdown={preview} />
        </Card>
      </div>
      <Card aria-label="History">
        <details>
          <summary className="cursor-pointer px-4 py-3 text-sm font-semibold">History</summary>
          <div className="border-t p-4">
            <HistoryPanel id={id} revision={base().revision} current={text} onRestore={restore} />
          </div>
        </details>
      </Card>
    </div>
  );
}
