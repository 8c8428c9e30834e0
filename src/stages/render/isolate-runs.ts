import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import type { VFile } from 'vfile';
import { directionOf } from './handlebars/languages/direction.js';

/**
 * A run of left-to-right text inside right-to-left prose: Latin words, Western digits and a
 * currency sign, with the spaces and punctuation between them (`€2.9 billion`, `EUTF`,
 * `www.example.org`, `2016–2017`). Brackets stay outside, where the bidi algorithm pairs them.
 */
const LEFT_TO_RIGHT_RUN =
  /[€$£]?[\p{Script=Latin}0-9](?:[\p{Script=Latin}0-9.,:/@%&+_'’\-–]|[ \u00A0\u202F](?=[€$£]?[\p{Script=Latin}0-9]))*/gu;

/** Copied exactly and set left to right by the style sheets already. */
const LEFT_ALONE = new Set(['code', 'pre', 'kbd', 'samp', 'bdi', 'script', 'style']);

/**
 * A rehype plugin for right-to-left documents (the VFile's `lang` data): each left-to-right
 * run of the prose goes into `<bdi>`, and an element marked in a left-to-right language
 * (`[Team Europe](lang:en)`) gets `dir="ltr"`, so that figures, names, codes and URLs keep
 * their order and do not pull the Arabic around them out of place. Left-to-right documents
 * are left as they are.
 */
export function isolateRuns() {
  return (tree: Root, file: VFile): void => {
    const lang = file.data['lang'];
    if (typeof lang !== 'string' || directionOf(lang) !== 'rtl') return;
    isolateChildren(tree);
  };
}

function isolateChildren(parent: Root | Element): void {
  const children: (RootContent | ElementContent)[] = [];
  for (const child of parent.children) {
    if (child.type === 'text') {
      children.push(...isolateText(child));
      continue;
    }
    if (child.type === 'element' && !LEFT_ALONE.has(child.tagName)) {
      const lang = child.properties['lang'];
      if (typeof lang === 'string' && directionOf(lang) === 'ltr') child.properties['dir'] = 'ltr';
      else isolateChildren(child);
    }
    children.push(child);
  }
  (parent as Element).children = children as ElementContent[];
}

function isolateText(text: Text): ElementContent[] {
  const parts: ElementContent[] = [];
  let from = 0;
  for (const match of text.value.matchAll(LEFT_TO_RIGHT_RUN)) {
    if (match.index > from) parts.push({ type: 'text', value: text.value.slice(from, match.index) });
    // dir="ltr", not bdi's own "auto": a run of digits and dashes (2016–2017) has no strong letter, and Chromium would set it right to left.
    parts.push({
      type: 'element',
      tagName: 'bdi',
      properties: { dir: 'ltr' },
      children: [{ type: 'text', value: match[0] }],
    });
    from = match.index + match[0].length;
  }
  if (from === 0) return [text];
  if (from < text.value.length) parts.push({ type: 'text', value: text.value.slice(from) });
  return parts;
}
