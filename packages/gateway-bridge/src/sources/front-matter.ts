// Front matter of an agent-written file, read as YAML data and nothing else. Agent output is hostile: gray-matter,
// used before, ran `---js` front matter through eval with require in scope. Here the opening line's language
// is only a label: anything but YAML is refused, and YAML goes through the `yaml` package's core schema (no
// custom tags, so nothing but plain data) with alias expansion bounded (billion laughs) and a size bound.
import { parseDocument } from 'yaml';

export const MAX_FRONT_MATTER_BYTES = 64 * 1024;
const MAX_ALIASES = 100;

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Why the front matter was not read; the whole text is then the body, so nothing is lost. */
  problem?: string;
}

// `---` then an optional language label (gray-matter's and Jekyll's form); `----` is a thematic break, not this
const OPENING = /^\uFEFF?---(?!-)([^\n]*)\n/;
const CLOSING = /^---[ \t]*\r?$/m;

export function splitFrontMatter(text: string): FrontMatter {
  const open = OPENING.exec(text);
  if (!open) return { data: {}, body: text };
  const plain = (problem: string): FrontMatter => ({
    data: {},
    body: text,
    problem: `${problem}; imported as plain text`,
  });
  const language = open[1]!.trim().toLowerCase();
  if (language && language !== 'yaml' && language !== 'yml')
    return plain(`front matter marked as "${open[1]!.trim().slice(0, 40)}" is not read (only YAML is)`);
  const rest = text.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) return plain('front matter has no closing "---" line');
  const yaml = rest.slice(0, close.index);
  if (Buffer.byteLength(yaml) > MAX_FRONT_MATTER_BYTES)
    return plain(`front matter is over ${MAX_FRONT_MATTER_BYTES / 1024} KB`);
  const body = rest.slice(close.index + close[0].length).replace(/^\n/, '');
  try {
    const doc = parseDocument(yaml, {
      schema: 'core',
      customTags: [],
      uniqueKeys: true,
      logLevel: 'silent',
      prettyErrors: false,
    });
    const issue = doc.errors[0] ?? doc.warnings[0];
    if (issue) return plain(`front matter is not valid YAML (${firstLine(issue.message)})`);
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIASES });
    if (data === null || data === undefined) return { data: {}, body };
    if (typeof data !== 'object' || Array.isArray(data))
      return plain('front matter is not a list of "key: value" fields');
    return { data: data as Record<string, unknown>, body };
  } catch (err) {
    // the alias bound, and a stack overflow on absurdly deep nesting, arrive as exceptions
    return plain(`front matter could not be read (${firstLine((err as Error).message)})`);
  }
}

const firstLine = (message: string) => message.split('\n')[0]!.slice(0, 200);
