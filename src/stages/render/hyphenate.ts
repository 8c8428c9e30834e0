import type { Element, Root, RootContent } from 'hast';
import type { VFile } from 'vfile';
import { hyphenatorFor, SOFT_HYPHEN, type WordHyphenator } from './hyphenation-patterns.js';

/** Words shorter than this gain little from a break and read badly split. */
const MIN_WORD_LETTERS = 6;

/**
 * Elements whose text is never hyphenated: code is copied exactly, and headings are not split
 * (a broken heading reads badly, and it becomes the PDF outline's title).
 */
const UNBROKEN = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * A rehype plugin that puts U+00AD SOFT HYPHEN at the break points of the prose's words, by the
 * language in effect at each text: the document's (the VFile's `lang` data) or the `lang` of an
 * enclosing element. Headless Chromium has no hyphenation dictionaries, so `hyphens: auto`
 * breaks nothing; soft hyphens it does honour, and draws a hyphen only where a line breaks.
 * A language without patterns is left unbroken.
 */
export function hyphenateProse() {
  return (tree: Root, file: VFile): void => {
    const lang = file.data['lang'];
    hyphenateChildren(tree.children, typeof lang === 'string' ? lang : undefined);
  };
}

function hyphenateChildren(children: readonly RootContent[], lang: string | undefined): void {
  const hyphenator = lang === undefined ? undefined : hyphenatorFor(lang);
  for (const child of children) {
    if (child.type === 'text' && hyphenator !== undefined) {
      child.value = hyphenateText(child.value, hyphenator);
    } else if (child.type === 'element' && !UNBROKEN.has(child.tagName)) {
      hyphenateChildren(child.children, languageOf(child) ?? lang);
    }
  }
}

/** An element's own `lang`; an empty one means "unknown language" (so no hyphenation). */
function languageOf(element: Element): string | undefined {
  const lang = element.properties['lang'];
  if (typeof lang !== 'string') return undefined;
  return lang === '' ? 'und' : lang;
}

/**
 * Hyphenates the words of a run of text, leaving alone what would be damaged by a break:
 * URLs and e-mail addresses, anything with a digit, words already holding a hyphen or soft
 * hyphen, short words and words in capitals (acronyms).
 */
export function hyphenateText(text: string, hyphenator: WordHyphenator): string {
  return text.replace(/\S+/g, (chunk) => {
    if (/[\d@]|:\/\/|^www\.|\/\p{L}|\p{L}\.\p{L}{2}/iu.test(chunk) || /[-\u2010\u2011\u00AD]/.test(chunk)) return chunk;
    // Letters with their combining marks; apostrophes and other punctuation end a word.
    return chunk.replace(/\p{L}[\p{L}\p{M}]*/gu, (word) => (breakable(word) ? hyphenator(word) : word));
  });
}

function breakable(word: string): boolean {
  const letters = word.replace(/\p{M}/gu, '');
  return (
    [...letters].length >= MIN_WORD_LETTERS && letters !== letters.toLocaleUpperCase() && !word.includes(SOFT_HYPHEN)
  );
}
