import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { hyphenateProse } from './hyphenate.js';
import { inlineImages, type ImageSource } from './images.js';
import { inlineLanguages } from './inline-language.js';
import { isolateRuns } from './isolate-runs.js';
import { sectionize } from './sectionize.js';

/**
 * Markdown (with GFM tables) to an HTML fragment. Raw HTML in Markdown is dropped
 * (remark-rehype leaves it out), rehype-sanitize's GitHub schema removes unsafe URLs such
 * as `javascript:`, and images are inlined from the content folder or removed: Markdown is
 * content, never code. Text marked `[…](lang:TAG)` is tagged with its language, and the prose is
 * hyphenated by language (hyphenate.ts). Each `##` section is wrapped for layout (sectionize.ts). Frozen once,
 * shared by all builds.
 */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  // The brand fonts have no ↩ (remark-rehype's back-reference glyph): a page with it would fail.
  .use(remarkRehype, { footnoteBackContent: '↑' })
  // Before sanitising, so that every image is checked by its original URL; after it, the only
  // data: URIs left are the ones inlineImages made (it removes any the author wrote).
  .use(inlineImages)
  .use(inlineLanguages)
  // The GitHub schema keeps `lang` on every element (the only way one gets there is a `lang:` link).
  .use(rehypeSanitize, {
    ...defaultSchema,
    // remark-rehype already prefixes footnote ids (and their links) with `user-content-`; raw
    // HTML is dropped, so no other id exists. A second prefix would break every footnote link.
    clobberPrefix: '',
    // The one role inlineLanguages gives (see there): Markdown can write no other.
    attributes: {
      ...defaultSchema.attributes,
      span: [...(defaultSchema.attributes?.['span'] ?? []), ['role', 'generic']],
    },
    protocols: { ...defaultSchema.protocols, src: [...(defaultSchema.protocols?.['src'] ?? []), 'data'] },
  })
  // After sanitising: the soft hyphens go into text that is final.
  .use(hyphenateProse)
  // Right-to-left prose: figures and Latin names isolated in <bdi> (isolate-runs.ts).
  .use(isolateRuns)
  .use(sectionize)
  .use(rehypeStringify)
  .freeze();

export interface MarkdownResult {
  readonly html: string;
  /** What was removed and why, with the Markdown line where known. */
  readonly warnings: readonly { readonly message: string; readonly line?: number }[];
}

/** `lang` is the document's BCP 47 language; without one (or without patterns for it) nothing is hyphenated. */
export function markdownToHtml(markdown: string, images?: ImageSource, lang?: string): MarkdownResult {
  const file = new VFile({ value: markdown, data: { images, lang } });
  const html = String(processor.processSync(file));
  return {
    html,
    warnings: file.messages.map((message) => ({
      message: message.reason,
      ...(message.line === undefined ? {} : { line: message.line }),
    })),
  };
}
