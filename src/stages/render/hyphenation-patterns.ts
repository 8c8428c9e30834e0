import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Break points for one word in one language: the word with U+00AD SOFT HYPHEN where it may break. */
export type WordHyphenator = (word: string) => string;

interface PatternModule {
  readonly hyphenateSync: (text: string, options?: { readonly minWordLength?: number }) => string;
}

export const SOFT_HYPHEN = '\u00AD';

/**
 * Fewest letters left before and after a break, by primary language (TeX's lefthyphenmin and
 * righthyphenmin for its patterns): a break never leaves one letter alone at a line's end, and
 * French and English typography want at least three carried over.
 */
const FRAGMENTS: Readonly<Record<string, readonly [left: number, right: number]>> = {
  de: [2, 2],
  es: [2, 2],
  it: [2, 2],
  nl: [2, 2],
};
const DEFAULT_FRAGMENTS = [2, 3] as const;

/**
 * Languages whose typography does not hyphenate: Arabic-script and Hebrew text stretch or
 * break between words, and Amharic and Tigrinya break between words (the `hyphen` package's
 * Ethiopic patterns, for breaking between any two syllables, are not used for them).
 */
export const NOT_HYPHENATED: ReadonlySet<string> = new Set(['ar', 'fa', 'ur', 'ps', 'he', 'yi', 'am', 'ti']);

// The patterns are plain data modules in the `hyphen` package, read from node_modules when a
// language first needs them (they are large, and a build uses one or two languages).
const load = createRequire(import.meta.url);
const cache = new Map<string, WordHyphenator | undefined>();

/**
 * The hyphenator for a BCP 47 tag, or undefined when the `hyphen` package has no patterns for
 * it: `en-GB` uses British patterns, `fr-CA` falls back to `fr`, `en` is American. A tag is
 * tried from its full form down to its primary language.
 */
export function hyphenatorFor(lang: string): WordHyphenator | undefined {
  const tag = lang.trim().toLowerCase();
  if (cache.has(tag)) return cache.get(tag);
  const hyphenator =
    /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/.test(tag) && !NOT_HYPHENATED.has(tag.split('-')[0] ?? '')
      ? loadHyphenator(tag)
      : undefined;
  cache.set(tag, hyphenator);
  return hyphenator;
}

function loadHyphenator(tag: string): WordHyphenator | undefined {
  const packageDir = dirname(load.resolve('hyphen/package.json'));
  const subtags = tag.split('-');
  for (let length = subtags.length; length > 0; length -= 1) {
    const name = subtags.slice(0, length).join('-');
    if (!existsSync(join(packageDir, name, 'index.js'))) continue;
    const patterns: unknown = load(`hyphen/${name}`);
    if (!isPatternModule(patterns)) return undefined;
    const [left, right] = FRAGMENTS[subtags[0] ?? ''] ?? DEFAULT_FRAGMENTS;
    return (word) => keepFragments(patterns.hyphenateSync(word, { minWordLength: left + right }), left, right);
  }
  return undefined;
}

function isPatternModule(value: unknown): value is PatternModule {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { hyphenateSync?: unknown }).hyphenateSync === 'function'
  );
}

/** Drops the break points that would leave fewer than `left` letters before or `right` after. */
function keepFragments(hyphenated: string, left: number, right: number): string {
  const parts = hyphenated.split(SOFT_HYPHEN);
  const length = parts.reduce((sum, part) => sum + [...part].length, 0);
  let result = parts[0] ?? '';
  let before = [...result].length;
  for (const part of parts.slice(1)) {
    const breaks = before >= left && length - before >= right;
    result += breaks ? SOFT_HYPHEN + part : part;
    before += [...part].length;
  }
  return result;
}
