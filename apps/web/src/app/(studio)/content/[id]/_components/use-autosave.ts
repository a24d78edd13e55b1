'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from '@/lib/api-client';

const DEBOUNCE_MS = 1000;
const RETRY_MS = 3000;

/** What the server holds: the text at a revision. */
export interface Saved {
  text: string;
  revision: number;
}

export type SaveState =
  | { kind: 'saved'; at: Date | null }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string }
  /** Someone saved since this text's base: the owner chooses between theirs and this one. */
  | { kind: 'conflict'; theirs: Saved };

interface Draft {
  text: string;
  base: number;
}

const draftKey = (id: string) => `studio:content-draft:${id}`;

/** Drops the stored draft once saved, unless another tab of the same item has stored a newer one since. */
function clearDraft(id: string, saved: string) {
  if (readDraft(id)?.text === saved) localStorage.removeItem(draftKey(id));
}

function readDraft(id: string): Draft | null {
  try {
    const d = JSON.parse(localStorage.getItem(draftKey(id)) ?? 'null') as Draft | null;
    return d && typeof d.text === 'string' && typeof d.base === 'number' ? d : null;
  } catch {
    return null;
  }
}

/**
 * Saves the text a second after typing stops, on the revision it was made on. Until the server has it, the
 * text waits in localStorage (a reload or a crash loses nothing). A 409 stops saving and hands both
 * versions to the owner; a network failure retries.
 */
export function useAutosave(id: string, server: Saved, onDiskMd: (diskMd: string | null) => void) {
  const onSaved = useRef(onDiskMd);
  onSaved.current = onDiskMd;
  const [text, setText] = useState(server.text);
  const [state, setState] = useState<SaveState>({ kind: 'saved', at: null });
  const base = useRef(server);
  const textRef = useRef(text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const schedule = (ms: number) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), ms);
  };

  /** Sends the current text (and `extra`) on its base revision; true when the server has this very text. */
  const save = useCallback(
    async (extra: { resolveDisk?: true } = {}): Promise<boolean> => {
      if (timer.current) clearTimeout(timer.current);
      if (stateRef.current.kind === 'conflict' || inFlight.current) return false;
      const sending = textRef.current;
      if (sending === base.current.text && !extra.resolveDisk) {
        clearDraft(id, sending);
        setState((s) => (s.kind === 'saved' ? s : { kind: 'saved', at: new Date() }));
        return true;
      }
      inFlight.current = true;
      setState({ kind: 'saving' });
      try {
        const content = sending === base.current.text ? {} : { contentMd: sending };
        const { output } = await api('updateGtmOutput', {
          params: { id },
          body: { ...content, ...extra, baseRevision: base.current.revision },
        });
        base.current = { text: output.contentMd ?? '', revision: output.revision };
        onSaved.current(output.diskMd);
        if (textRef.current === sending) {
          clearDraft(id, sending);
          setState({ kind: 'saved', at: new Date() });
          return true;
        }
        localStorage.setItem(draftKey(id), JSON.stringify({ text: textRef.current, base: output.revision }));
        setState({ kind: 'unsaved' });
        schedule(DEBOUNCE_MS);
        return false;
      } catch (err) {
        const body = (err as ApiError).body as {
          error?: { code?: string; current?: { contentMd: string | null; revision: number } };
        } | null;
        if (err instanceof ApiError && body?.error?.code === 'revision_conflict' && body.error.current) {
          setState({
            kind: 'conflict',
            theirs: { text: body.error.current.contentMd ?? '', revision: body.error.current.revision },
          });
        } else if (err instanceof ApiError && (err.status === 0 || err.status >= 500)) {
          setState({ kind: 'offline' });
          schedule(RETRY_MS);
        } else {
          setState({ kind: 'failed', message: err instanceof Error ? err.message : 'The save did not work.' });
        }
        return false;
      } finally {
        inFlight.current = false;
      }
    },
    [id],
  );

  const change = useCallback(
    (next: string) => {
      textRef.current = next;
      setText(next);
      if (stateRef.current.kind === 'conflict') return;
      localStorage.setItem(draftKey(id), JSON.stringify({ text: next, base: base.current.revision }));
      setState({ kind: 'unsaved' });
      schedule(DEBOUNCE_MS);
    },
    [id],
  );

  /** The owner's choice between two versions: `keep` is saved on top of `theirs` (the disk's is let go). */
  const resolve = useCallback(
    (keep: string, theirs: Saved, extra: { resolveDisk?: true } = {}) => {
      base.current = theirs;
      textRef.current = keep;
      setText(keep);
      stateRef.current = { kind: 'unsaved' };
      setState({ kind: 'unsaved' });
      return save(extra);
    },
    [save],
  );

  // A draft left by a reload or crash comes back; if the server moved on meanwhile, the owner chooses.
  useEffect(() => {
    const draft = readDraft(id);
    if (!draft || draft.text === server.text) return;
    textRef.current = draft.text;
    setText(draft.text);
    if (draft.base === server.revision) {
      setState({ kind: 'unsaved' });
      schedule(0);
    } else setState({ kind: 'conflict', theirs: server });
    // only on opening the page
  }, []);

  // A newer server version (another tab, the disk) replaces an untouched text; a touched one meets it at save.
  useEffect(() => {
    if (server.revision <= base.current.revision) return;
    if (stateRef.current.kind === 'saved' && textRef.current === base.current.text) {
      base.current = server;
      textRef.current = server.text;
      setText(server.text);
    }
  }, [server.revision, server.text]);

  useEffect(() => {
    const online = () => stateRef.current.kind === 'offline' && void save();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [save]);

  return { text, state, change, save, resolve, base: () => base.current };
}
