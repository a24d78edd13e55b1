'use client';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Annotation, EditorSelection, EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder, type Command } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { useEffect, useRef } from 'react';

/** Colours come from the page's CSS variables, so the editor follows light and dark mode by itself. */
const theme = EditorView.theme({
  '&': { backgroundColor: 'var(--card)', color: 'var(--foreground)', fontSize: '0.875rem', height: '100%' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--foreground)', padding: '0.75rem 0' },
  '.cm-line': { padding: '0 0.75rem' },
  '&.cm-focused': { outline: '2px solid var(--primary)', outlineOffset: '-2px' },
  '.cm-cursor': { borderLeftColor: 'var(--foreground)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'color-mix(in oklch, var(--primary) 30%, transparent)',
  },
  '.cm-placeholder': { color: 'var(--muted-foreground)' },
  '.cm-scroller': { overflow: 'auto' },
});
const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '700', color: 'var(--primary)' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: [tags.link, tags.url], color: 'var(--info)', textDecoration: 'underline' },
  { tag: [tags.monospace, tags.processingInstruction], color: 'var(--success)' },
  { tag: [tags.quote, tags.meta, tags.comment], color: 'var(--muted-foreground)' },
]);

/** Marks a document replaced from outside (restore, merge, another tab's save): not the owner typing. */
const fromOutside = Annotation.define<boolean>();

/** Wraps the selection in `mark` (or unwraps it when it is already wrapped): Ctrl/Cmd+B and +I. */
const wrap =
  (mark: string): Command =>
  (view) => {
    const { state } = view;
    view.dispatch(
      state.changeByRange((range) => {
        const before = state.sliceDoc(range.from - mark.length, range.from);
        const after = state.sliceDoc(range.to, range.to + mark.length);
        if (before === mark && after === mark) {
          return {
            changes: [
              { from: range.from - mark.length, to: range.from },
              { from: range.to, to: range.to + mark.length },
            ],
            range: EditorSelection.range(range.from - mark.length, range.to - mark.length),
          };
        }
        return {
          changes: [
            { from: range.from, insert: mark },
            { from: range.to, insert: mark },
          ],
          range: EditorSelection.range(range.from + mark.length, range.to + mark.length),
        };
      }),
    );
    return true;
  };

export interface MarkdownEditorProps {
  /** The text to show; a change from outside (restore, merge) replaces the document. */
  value: string;
  onChange: (text: string) => void;
  onSave: () => void;
  onLeave: () => void;
  label: string;
}

/** CodeMirror 6 with markdown, the studio's colours and its shortcuts. */
export function MarkdownEditor({ value, onChange, onSave, onLeave, label }: MarkdownEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const handlers = useRef({ onChange, onSave, onLeave });
  handlers.current = { onChange, onSave, onLeave };

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: value,
        extensions: [
          history(),
          keymap.of([
            { key: 'Mod-s', preventDefault: true, run: () => (handlers.current.onSave(), true) },
            { key: 'Mod-b', run: wrap('**') },
            { key: 'Mod-i', run: wrap('*') },
            { key: 'Escape', run: () => (handlers.current.onLeave(), true) },
            ...defaultKeymap,
            ...historyKeymap,
          ]),
          markdown(),
          syntaxHighlighting(highlight),
          theme,
          EditorView.lineWrapping,
          placeholder('Write in markdown…'),
          EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged && !u.transactions.some((t) => t.annotation(fromOutside)))
              handlers.current.onChange(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => v.destroy();
    // made once: later values arrive through the effect below
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== value)
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: value }, annotations: fromOutside.of(true) });
  }, [value]);

  return <div ref={host} className="h-full min-h-80 overflow-hidden rounded-md border" data-testid="markdown-editor" />;
}
