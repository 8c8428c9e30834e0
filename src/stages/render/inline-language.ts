import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';

const LANGUAGE_LINK = /^lang:/i;

/**
 * A rehype plugin for text in another language than the document's, marked in Markdown as a
 * link to `lang:TAG` (`[Team Europe](lang:en)`): the link becomes `<span lang="en" role="generic">`,
 * so the text is read, tagged in the PDF and hyphenated in its own language. The role changes
 * nothing for a reader (it is a span's own), but Chromium's tagged PDF drops a plain span and
 * its `lang` with it, and keeps one with an explicit role (the finishing step makes it a Span). A mark whose tag is not
 * BCP 47 leaves plain text, with a message on the file. Runs before sanitising, which would
 * otherwise drop the unknown `lang:` URL and leave an empty link.
 */
export function inlineLanguages() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'element', (node: Element, index, parent) => {
      const href = node.properties['href'];
      if (node.tagName !== 'a' || typeof href !== 'string' || !LANGUAGE_LINK.test(href)) return;
      const tag = canonicalTag(href.slice('lang:'.length));
      if (tag !== undefined) {
        node.tagName = 'span';
        node.properties = { lang: tag, role: 'generic' };
        return;
      }
      file.message(
        `kept "${textOf(node)}" as plain text: "${href}" does not name a language (write a BCP 47 tag, such as lang:en, lang:fr or lang:pt-BR)`,
        node,
      );
      if (parent === undefined || index === undefined) return;
      parent.children.splice(index, 1, ...node.children);
      return index;
    });
  };
}

/**
 * The languages a page's HTML marks on its parts (`lang` on any element but `<html>`), other
 * than the page's own `lang`: what the PDF's structure tree must say too (see ua-check.ts).
 */
export function markedLanguages(html: string, pageLang: string): string[] {
  const own = pageLang.toLowerCase();
  const marked = new Set<string>();
  for (const [, name = '', attributes = ''] of html.matchAll(/<([a-z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi)) {
    if (name.toLowerCase() === 'html') continue;
    for (const [, attribute = '', double, single, bare] of attributes.matchAll(
      /([^\s=/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g,
    )) {
      const tag = attribute.toLowerCase() === 'lang' ? (double ?? single ?? bare ?? '').trim().toLowerCase() : '';
      if (tag !== '' && tag !== own) marked.add(tag);
    }
  }
  return [...marked].sort();
}

/** The canonical form of a BCP 47 tag (`EN-gb` gives `en-GB`), or undefined for anything else. */
function canonicalTag(tag: string): string | undefined {
  if (tag.trim() === '') return undefined;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

function textOf(node: Element): string {
  let text = '';
  visit(node, 'text', (child) => {
    text += child.value;
  });
  return text;
}
