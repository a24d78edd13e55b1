// Agent-written markdown is untrusted: it is rendered to HTML through a sanitizer that keeps GitHub's safe
// subset (no script, no event handlers, no javascript: URLs, no iframes, no style).
import type { Element, ElementContent, Root } from 'hast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const sanitized = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype) // raw HTML in the markdown is dropped here, not passed through
  .use(rehypeSanitize, {
    ...defaultSchema,
    protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] },
  })
  .freeze();

const stored = sanitized().use(rehypeStringify).freeze();

/** The sanitized HTML kept with an item (the API's `contentHtml`): images as the agent wrote them. */
export function renderMarkdown(md: string): string {
  return orAsText(md, () => String(stored.processSync(md)));
}

// The renderer's cost grows faster than the text on hostile shapes (measured on 2 busy cores: 128 KB of `[a](`
// took 8 s, 128 KB of `> ` 35 s, 3,000 nested list levels over 5 minutes, and deeper still overflows the
// stack), and the bridge renders on its event loop. Past these bounds a text is shown as the plain text it is.
export const MAX_MARKDOWN_CHARS = 128 * 1024;
const MAX_NESTING_PREFIX = 100;
// the part of a line that opens containers: indentation, quote markers, list bullets (no backtracking)
const CONTAINER_PREFIX = /^(?:[ \t>]|[*+-][ \t])*/;

function tooHeavy(md: string): boolean {
  if (md.length > MAX_MARKDOWN_CHARS) return true;
  return md
    .split('\n')
    .some((line) => line.length > MAX_NESTING_PREFIX && CONTAINER_PREFIX.exec(line)![0].length > MAX_NESTING_PREFIX);
}

function orAsText(md: string, render: () => string): string {
  try {
    if (!tooHeavy(md)) return render();
  } catch (err) {
    if (!(err instanceof RangeError)) throw err; // a stack overflow the bounds did not foresee
  }
  const escaped = md.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return `<pre>${escaped}</pre>`;
}

/** The studio's image proxy, the only place the page may load an image from (its CSP is `img-src 'self'`). */
export const imageProxyUrl = (url: string) => `/api/gtm/image?url=${encodeURIComponent(url)}`;

/** An image's address as an absolute http(s) URL (`//host/x` counts: the browser would load it), else null. */
function remoteUrl(src: unknown): URL | null {
  if (typeof src !== 'string') return null;
  const base = 'https://relative.invalid/';
  let url: URL;
  try {
    url = new URL(src, base);
  } catch {
    return null;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== new URL(base).host ? url : null;
}

const text = (value: string): ElementContent => ({ type: 'text', value });
const el = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});

/**
 * What stands for an agent's image in the studio. A remote image would tell its host when, and from where, the
 * owner reads the item, so it stays a placeholder (host, alt text, a "Load image" button) until the owner asks;
 * then it is loaded through the studio's proxy. An image with a relative address has nothing to load here
 * (the workspace's files are not served): its alt text stands in.
 */
function imageStandIn(img: Element, loaded: ReadonlySet<string>): ElementContent {
  const alt = typeof img.properties.alt === 'string' ? img.properties.alt : '';
  const url = remoteUrl(img.properties.src);
  if (!url) return text(alt);
  if (loaded.has(url.href)) return el('img', { src: imageProxyUrl(url.href), alt, title: img.properties.title });
  return el('span', { dataRemoteImage: '', role: 'group', ariaLabel: `Hidden image from ${url.host}` }, [
    el('span', {}, [
      text('Image from '),
      el('strong', {}, [text(url.host)]),
      text(' not loaded: that site would learn when you read this.'),
    ]),
    ...(alt ? [el('span', { dataRemoteImageAlt: '' }, [text(alt)])] : []),
    el('button', { type: 'button', dataLoadImage: url.href }, [text('Load image')]),
  ]);
}

function replaceImages(node: Root | Element, loaded: ReadonlySet<string>): void {
  node.children = node.children.map((child) => {
    if (child.type !== 'element') return child;
    if (child.tagName === 'img') return imageStandIn(child, loaded);
    replaceImages(child, loaded);
    return child;
  }) as typeof node.children;
}

export interface PreviewOptions {
  /** Image URLs (as in `data-load-image`) the owner chose to load. */
  loadedImages?: ReadonlySet<string>;
}

/**
 * The sanitized HTML as the studio shows it: like `renderMarkdown`, but no image loads until the owner clicks
 * its "Load image" button (`button[data-load-image]`, whose value goes into `loadedImages`). The stand-ins are
 * made after sanitizing, from the image's parsed address and alt text only.
 */
export function renderPreview(md: string, { loadedImages = new Set() }: PreviewOptions = {}): string {
  return orAsText(md, () => {
    const tree = sanitized.runSync(sanitized.parse(md)) as Root;
    replaceImages(tree, loadedImages);
    return stored.stringify(tree);
  });
}
