import Anser from 'anser';
import { memo } from 'react';

/** A line with its ANSI colours rendered as spans (text stays text: no HTML is ever injected). */
export const AnsiText = memo(function AnsiText({ text }: { text: string }) {
  if (!text.includes('\u001b[')) return <>{text}</>;
  const parts = Anser.ansiToJson(text, { remove_empty: true, use_classes: false });
  return (
    <>
      {parts.map((p, i) => (
        <span
          key={i}
          style={{
            color: p.fg ? `rgb(${p.fg})` : undefined,
            backgroundColor: p.bg ? `rgb(${p.bg})` : undefined,
            fontWeight: p.decorations.includes('bold') ? 600 : undefined,
            fontStyle: p.decorations.includes('italic') ? 'italic' : undefined,
            textDecoration: p.decorations.includes('underline') ? 'underline' : undefined,
          }}
        >
          {p.content}
        </span>
      ))}
    </>
  );
});
