// Agent-written markdown is untrusted: it is rendered to HTML through a sanitizer that keeps GitHub's safe
// subset (no script, no event handlers, no javascript: URLs, no iframes, no style).
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype) // raw HTML in the markdown is dropped here, not passed through
  .use(rehypeSanitize, { ...defaultSchema, protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] } })
  .use(rehypeStringify);

export function renderMarkdown(md: string): string {
  return String(processor.processSync(md));
}
