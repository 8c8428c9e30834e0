import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/**
 * Markdown (with GFM tables) to an HTML fragment. Raw HTML in Markdown is dropped
 * (remark-rehype leaves it out), and rehype-sanitize's GitHub schema removes unsafe URLs
 * such as `javascript:`: Markdown is content, never code. Frozen once, shared by all builds.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeSanitize)
  .use(rehypeStringify)
  .freeze();

export function markdownToHtml(markdown: string): string {
  return String(processor.processSync(markdown));
}
