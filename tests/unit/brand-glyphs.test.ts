import { describe, expect, it } from 'vitest';
import { describeCharacter, uncoveredCharacters } from '../../src/fonts/coverage.js';
import { BRAND_FONTS, styleCoverage } from '../../src/fonts/embed.js';

/**
 * What French pages print beyond ASCII: every accented letter of French, the ligatures, French
 * quotes, the typographic apostrophe (d’euros) and the no-break space (U+00A0, before « » and
 * in CLDR's figures of other languages).
 */
const FRENCH = 'àâæçéèêëîïôœùûüÿ ÀÂÆÇÉÈÊËÎÏÔŒÙÛÜŸ « » ’ \u00A0 €';

/** Every weight and style the PDFs embed, read from the actual font files (WOFF twins of the WOFF2 ones). */
const STYLES = BRAND_FONTS.flatMap((font) => font.styles.map((style) => ({ font, style })));

describe('the embedded brand fonts print French (glyph gate)', () => {
  it.each(STYLES.map(({ font, style }) => [`${font.package} ${style}`, font, style] as const))('%s has every French character', async (_, font, style) => {
    const covered = await styleCoverage(font, style);
    // uncoveredCharacters skips white space; U+00A0 is checked on its own, as a glyph.
    expect(uncoveredCharacters(FRENCH, covered).map(describeCharacter)).toEqual([]);
    expect(covered.has(0x00a0)).toBe(true);
  });

  // The brand fonts have no U+202F, the space French puts in figures. Chromium's shaper
  // (HarfBuzz) then prints the font's own space at half its width, so no other font is used
  // (tests/e2e/french-figures.test.ts), but the PDF's text layer reads it as U+0020. Should a
  // font update add the glyph, this fails: the e2e test can then expect U+202F in the text.
  it.each(STYLES.map(({ font, style }) => [`${font.package} ${style}`, font, style] as const))('%s lacks U+202F NARROW NO-BREAK SPACE', async (_, font, style) => {
    expect((await styleCoverage(font, style)).has(0x202f)).toBe(false);
  });
});
