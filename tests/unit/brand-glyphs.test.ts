import { describe, expect, it } from 'vitest';
import { describeCharacter, uncoveredCharacters } from '../../src/fonts/coverage.js';
import { declaredFonts, type DeclaredFace } from '../../src/fonts/embed.js';
import { loadSources } from '../../src/stages/load.js';
import { BUNDLED_TEMPLATES } from '../../src/config.js';

/**
 * What French pages print beyond ASCII: every accented letter of French, the ligatures, French
 * quotes, the typographic apostrophe (d’euros) and the no-break space (U+00A0, before « » and
 * in CLDR's figures of other languages).
 */
const FRENCH = 'àâæçéèêëîïôœùûüÿ ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ « » ’ \u00A0 €';

/** Every weight and style of the default templates' text families, its subsets together, read from the font files. */
async function textStyles(): Promise<[string, Set<number>][]> {
  const { templates } = await loadSources('content', BUNDLED_TEMPLATES);
  const styles = new Map<string, Set<number>>();
  for (const face of (await declaredFonts(templates)).faces.filter((face: DeclaredFace) =>
    /^Source /.test(face.family),
  )) {
    const key = `${face.family} ${face.weight} ${face.style}`;
    styles.set(key, new Set([...(styles.get(key) ?? []), ...face.coverage]));
  }
  return [...styles];
}

const STYLES = await textStyles();

describe("the default templates' text fonts print French (glyph gate)", () => {
  it('declares the weights and styles the style sheets use', () => {
    expect(STYLES.map(([key]) => key).sort()).toEqual([
      'Source Code Pro 400 normal',
      'Source Sans 3 400 italic',
      'Source Sans 3 400 normal',
      'Source Sans 3 600 normal',
      'Source Sans 3 700 normal',
      'Source Serif 4 400 italic',
      'Source Serif 4 600 normal',
      'Source Serif 4 700 normal',
    ]);
  });

  it.each(STYLES)('%s has every French character', (_, covered) => {
    // uncoveredCharacters skips white space; U+00A0 is checked on its own, as a glyph.
    expect(uncoveredCharacters(FRENCH, covered).map(describeCharacter)).toEqual([]);
    expect(covered.has(0x00a0)).toBe(true);
  });

  it.each(STYLES)('%s has Cyrillic, Greek and Vietnamese as well', (_, covered) => {
    expect(uncoveredCharacters('Жжѣ Ωωά Ạạệ', covered).map(describeCharacter)).toEqual([]);
  });

  // The brand fonts have no U+202F, the space French puts in figures. Chromium's shaper
  // (HarfBuzz) then prints the font's own space at half its width, so no other font is used
  // (tests/e2e/french-figures.test.ts), but the PDF's text layer reads it as U+0020. Should a
  // font update add the glyph, this fails: the e2e test can then expect U+202F in the text.
  it.each(STYLES)('%s lacks U+202F NARROW NO-BREAK SPACE', (_, covered) => {
    expect(covered.has(0x202f)).toBe(false);
  });
});
