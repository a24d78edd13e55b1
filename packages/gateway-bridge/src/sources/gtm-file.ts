// One markdown file of the GTM folder → the fields of its gtm_outputs row. Pure: the watcher does the I/O.
import { createHash } from 'node:crypto';
import { basename, extname, relative, sep } from 'node:path';
import matter from 'gray-matter';
import { z } from 'zod';
import { renderMarkdown } from '@agent-studio/core/markdown';

// Each front-matter field is read on its own: one field that does not fit is ignored, never fatal.
const fields = {
  title: z.coerce.string().trim().min(1),
  type: z.coerce.string().trim().min(1),
  content_type: z.coerce.string().trim().min(1),
  tags: z.union([z.array(z.coerce.string()), z.string().transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean))]),
  priority: z.coerce.number().int().min(1).max(10),
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
  let data: Record<string, unknown> = {};
  let body = text;
  let warning: string | undefined;
  try {
    // options given on purpose: without them gray-matter caches every text it sees, forever, and a text whose
    // front matter failed to parse comes back from that cache the next time as if it had none
    const parsed = matter(text, {});
    data = parsed.data;
    body = parsed.content;
  } catch (err) {
    warning = `front matter is not valid YAML (${(err as Error).message.split('\n')[0]}); imported as plain markdown`;
  }
  const fm = pickValid(data);
  const heading = /^#\s+(.+?)\s*#*\s*$/m.exec(body)?.[1];
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
    warning,
  };
}

function pickValid(data: Record<string, unknown>): FrontMatter {
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(fields)) {
    if (data[key] === undefined || data[key] === null) continue;
    const r = schema.safeParse(data[key]);
    if (r.success) out[key] = r.data;
  }
  return out as FrontMatter;
}

const humanize = (name: string) => name.replace(/^\d{4}-\d{2}-\d{2}[-_]?/, '').replace(/[-_]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase()) || name;

/** "Blog posts", "blog-post" → "blog_post"; the seed's types are snake_case singulars. */
export function normalizeType(raw: string): string {
  const t = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const singular: Record<string, string> = { blog_posts: 'blog_post', blogs: 'blog_post', blog: 'blog_post', social_threads: 'social_thread', threads: 'social_thread', newsletters: 'newsletter', competitor_briefs: 'competitor_brief', briefs: 'competitor_brief' };
  return singular[t] ?? t;
}
