// One markdown file of the GTM folder → the fields of its gtm_outputs row. Pure: the watcher does the I/O.
import { createHash } from 'node:crypto';
import { basename, extname, relative, sep } from 'node:path';
import { z } from 'zod';
import { renderMarkdown } from '@agent-studio/core/markdown';
import { splitFrontMatter } from './front-matter';

const MAX_TITLE = 300;
const MAX_TAGS = 50;
const MAX_TAG = 64;

// a scalar as text, without control characters (YAML's "\u0000" is a NUL, which Postgres refuses in text);
// a list or map is not a title (String() of a nested one could be huge)
const scalarText = (max: number) =>
  z
    .union([z.string(), z.number(), z.boolean()])
    .transform((v) =>
      String(v)
        .replace(/\p{Cc}/gu, ' ')
        .trim(),
    )
    .pipe(z.string().min(1).max(max));
// a list, or one string of comma-separated tags
const tagList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').filter((t) => t.trim()) : v),
  z.array(scalarText(MAX_TAG)).max(MAX_TAGS),
);

// Each front-matter field is read on its own: one field that does not fit is ignored, never fatal.
const fields = {
  title: scalarText(MAX_TITLE),
  type: scalarText(MAX_TAG),
  content_type: scalarText(MAX_TAG),
  tags: tagList,
  priority: z.union([z.number(), z.string().transform(Number)]).pipe(z.number().int().min(1).max(10)),
  // An agent may ask for review when it writes; every later state is the owner's (the studio's) alone.
  status: z.enum(['draft', 'pending_review']),
};
type FrontMatter = { [K in keyof typeof fields]?: z.infer<(typeof fields)[K]> };

export interface ParsedGtmFile {
  title: string;
  contentType: string;
  tags: string[];
  priority: number;
  initialStatus: 'draft' | 'pending_review';
  contentMd: string;
  contentHtml: string;
  fileHash: string;
  /** Set when the front matter could not be read: the file is imported as plain markdown. */
  warning?: string;
}

export function parseGtmFile(gtmDir: string, path: string, text: string): ParsedGtmFile {
  const { data, body, problem } = splitFrontMatter(text);
  const fm = pickValid(data);
  const heading = firstHeading(body);
  const folder = relative(gtmDir, path).split(sep).slice(0, -1)[0];
  return {
    title: fm.title ?? heading ?? humanize(basename(path, extname(path))),
    contentType: normalizeType(fm.type ?? fm.content_type ?? folder ?? 'note'),
    tags: [...new Set(fm.tags ?? [])],
    priority: fm.priority ?? 5,
    initialStatus: fm.status ?? 'draft',
    contentMd: body.trimStart(),
    contentHtml: renderMarkdown(body),
    fileHash: createHash('sha256').update(text).digest('hex'),
    warning: problem,
  };
}

function pickValid(data: Record<string, unknown>): FrontMatter {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(fields)) {
    // own keys only: `__proto__` or `constructor` in the YAML are data, never the object's prototype
    if (!Object.hasOwn(data, key) || data[key] === undefined || data[key] === null) continue;
    const r = schema.safeParse(data[key]);
    if (r.success) out[key] = r.data;
  }
  return out as FrontMatter;
}

/** The first ATX heading's text (`# Title #`), by a scan: a regex over the line backtracked for minutes on a long line of spaces. */
function firstHeading(md: string): string | undefined {
  for (const line of md.split('\n', 10_000)) {
    if (!line.startsWith('#') || !(line[1] === ' ' || line[1] === '\t')) continue;
    const title = line.slice(2).trim();
    let end = title.length;
    while (end > 0 && title[end - 1] === '#') end--;
    // a closing run of #s counts only after a space (CommonMark): `# C#` keeps its #
    const text = end === 0 || /\s/.test(title[end - 1]!) ? title.slice(0, end).trimEnd() : title;
    if (text) return text.slice(0, MAX_TITLE);
  }
  return undefined;
}

const humanize = (name: string) =>
  name
    .replace(/^\d{4}-\d{2}-\d{2}[-_]?/, '')
    .replace(/[-_]+/g, ' ')
    .replace(/^\w/, (c) => c.toUpperCase()) || name;

/** "Blog posts", "blog-post" → "blog_post"; the seed's types are snake_case singulars. */
export function normalizeType(raw: string): string {
  const t = raw
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const singular: Record<string, string> = {
    blog_posts: 'blog_post',
    blogs: 'blog_post',
    blog: 'blog_post',
    social_threads: 'social_thread',
    threads: 'social_thread',
    newsletters: 'newsletter',
    competitor_briefs: 'competitor_brief',
    briefs: 'competitor_brief',
  };
  return singular[t] ?? t;
}
