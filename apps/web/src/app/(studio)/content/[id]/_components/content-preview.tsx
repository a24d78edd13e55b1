'use client';
import { renderPreview } from '@agent-studio/core/markdown';
import { useMemo, useState, type MouseEvent } from 'react';

/**
 * The item's markdown as sanitized HTML (packages/core/markdown.ts). Remote images stay placeholders until the
 * owner clicks one's "Load image" button; the choice holds while the text is edited.
 */
export function ContentPreview({ markdown }: { markdown: string }) {
  const [loadedImages, setLoadedImages] = useState<ReadonlySet<string>>(new Set());
  // the page's title is its one <h1>: the text's own headings sit a level below it
  const html = useMemo(
    () =>
      renderPreview(markdown, { loadedImages }).replace(
        /<(\/?)h([1-6])\b/g,
        (_, close: string, n: string) => `<${close}h${Math.min(6, Number(n) + 1)}`,
      ),
    [markdown, loadedImages],
  );
  // the buttons are in the rendered HTML, so their clicks (mouse or keyboard) are caught here as they bubble
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const url = (e.target as Element).closest('button[data-load-image]')?.getAttribute('data-load-image');
    if (!url) return;
    e.preventDefault(); // an image inside a link: the click loads the image, it does not follow the link
    setLoadedImages((s) => new Set(s).add(url));
  };
  return (
    <div
      tabIndex={0}
      className="prose-content max-h-[36rem] overflow-auto p-4"
      data-testid="preview"
      onClick={onClick}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
