import { describe, expect, it } from 'vitest';
import { BUNDLED_TEMPLATES } from '../../src/config.js';
import { coverageOf, declaredFonts } from '../../src/fonts/embed.js';
import { fontWarnings, languageReadiness } from '../../src/languages/readiness.js';
import { parseExpansions, stretchMarkdown, stretchText } from '../../src/languages/forecast.js';
import { stretchDocument } from '../../src/languages/forecast-run.js';
import { loadSources } from '../../src/stages/load.js';
import { directionOf } from '../../src/stages/render/handlebars/languages/direction.js';
import { formatMoney, formatPercent } from '../../src/stages/render/handlebars/format.js';

const { templates } = await loadSources('content', BUNDLED_TEMPLATES);
const fonts = await declaredFonts(templates);
const factOf = (tag: string, topic: string, coverage = fonts.coverage) =>
  languageReadiness(tag, templates, coverage).facts.find((fact) => fact.topic === topic);

describe('directionOf', () => {
  it('reads CLDR: Arabic, Hebrew, Persian and Urdu right to left, Amharic and a Latin-script tag left to right', () => {
    expect(['ar', 'ar-MA', 'he', 'fa', 'ur', 'ku-Arab'].map(directionOf)).toEqual([
      'rtl',
      'rtl',
      'rtl',
      'rtl',
      'rtl',
      'rtl',
    ]);
    expect(['am', 'en', 'fr', 'az-Latn', 'not a tag'].map(directionOf)).toEqual(['ltr', 'ltr', 'ltr', 'ltr', 'ltr']);
  });
});

describe('figures as CLDR writes them for Arabic and Amharic', () => {
  it('uses Latin digits for ar-MA and ar-TN, Arabic-Indic digits for ar-EG', () => {
    expect(formatMoney(2.9e9, 'EUR', 'ar-MA')).toBe('\u200F2,9\u00A0مليار\u00A0€');
    expect(formatMoney(2.9e9, 'EUR', 'ar-TN')).toBe('\u200F2,9\u00A0مليار\u00A0€');
    expect(formatMoney(2.9e9, 'EUR', 'ar-EG')).toBe('\u200F٢٫٩\u00A0مليار\u00A0€');
    expect(formatPercent(0.67, 'ar-EG')).toBe('٦٧٪؜');
  });

  it("writes Amharic amounts in CLDR's short units", () => {
    expect(formatMoney(230e6, 'EUR', 'am')).toBe('€230\u00A0ሚ');
    expect(formatMoney(950_000, 'EUR', 'am')).toBe('€950,000');
  });
});

describe('languageReadiness', () => {
  it('finds Arabic and Amharic printable with the default templates', () => {
    for (const tag of ['ar-MA', 'ar-EG', 'am'])
      expect(languageReadiness(tag, templates, fonts.coverage).ready, tag).toBe(true);
    expect(factOf('ar-MA', 'direction')?.text).toMatch(/^right to left/);
    expect(factOf('ar-EG', 'figures')?.text).toMatch(/^arab digits, as CLDR writes ar-EG: ٢٫٩\u00A0مليار\u00A0€/);
    expect(factOf('am', 'hyphenation')?.text).toBe('none: Amharic is not hyphenated (lines break between words)');
    expect(factOf('fr', 'hyphenation')?.status).toBe('ok');
  });

  it("names the letters the fonts lack, from CLDR's exemplars, when a script font is not declared", () => {
    const withoutEthiopic = coverageOf(fonts.faces.filter((face) => face.family !== 'Noto Sans Ethiopic'));
    const fact = factOf('am', 'fonts', withoutEthiopic);
    expect(fact?.status).toBe('missing');
    expect(fact?.details?.[0]).toMatch(/^"ሀ" \(U\+1200\), "ሁ" \(U\+1201\)/);
    expect(languageReadiness('am', templates, withoutEthiopic).ready).toBe(false);
    expect(fontWarnings(['en', 'am', 'am'], withoutEthiopic)).toEqual([
      expect.stringMatching(
        /^the declared fonts lack \d+ of the letters am is written with \("ሀ" \(U\+1200\), .*\): run factsheets languages check am$/,
      ),
    ]);
    expect(fontWarnings(['en', 'am', 'ar-MA'], fonts.coverage)).toEqual([]);
  });

  it('lists what a language without messages lacks, and refuses a tag that is not one', () => {
    const german = languageReadiness('de', templates, fonts.coverage);
    expect(german.ready).toBe(false);
    expect(german.facts.find((fact) => fact.topic === 'messages')?.details).toEqual([
      'templates/messages/de.yml: there are no messages for the language "de": factsheets\' own templates have messages for am, ar, en, fr only',
    ]);
    expect(languageReadiness('12', templates, fonts.coverage)).toMatchObject({
      ready: false,
      facts: [{ topic: 'language', status: 'missing' }],
    });
  });
});

describe("the forecast's stretching", () => {
  const paragraph =
    'Cooperation helps Ethiopia pursue its commitment to give refugees better access to jobs and services, {{money funding.total}} in all.';

  it('reads expansions and refuses what is not LANG=PERCENT', () => {
    expect(parseExpansions('fr=25, de=+35%,ar=-10')).toEqual({ fr: 25, de: 35, ar: -10 });
    expect(() => parseExpansions('fr:25')).toThrow('"fr:25" is not LANG=PERCENT (write for example fr=20 or ar=-10)');
    expect(() => parseExpansions('fr=-95')).toThrow('an expansion runs from -90 to 300 percent');
  });

  it('stretches a paragraph to its expected length with its own words, keeping figures and its last word', () => {
    for (const percent of [20, 30, -10]) {
      const stretched = stretchText(paragraph, percent);
      expect(Math.abs(stretched.length - paragraph.length * (1 + percent / 100)), `${percent}%`).toBeLessThan(12);
      expect(stretched).toContain('{{money funding.total}}');
      expect(stretched.endsWith('all.')).toBe(true);
    }
  });

  it('leaves headings, tables and code alone, and keeps the line count', () => {
    const body = `## Why it matters\n\n${paragraph}\nIt goes on.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- one item of a list\n- two\n\n\`\`\`\ncode stays\n\`\`\`\n`;
    const stretched = stretchMarkdown(body, 50);
    expect(stretched.split('\n')).toHaveLength(body.split('\n').length);
    for (const kept of ['## Why it matters', '| a | b |', '| 1 | 2 |', 'code stays']) expect(stretched).toContain(kept);
    expect(stretched).toMatch(/^- one item of a one item list$/m);
  });

  it('stretches the summary in the front matter and sets the language of the forecast', () => {
    const stretched = stretchDocument(
      '---\nname: Mali\nsummary: A Sahel country on the routes north.\n---\n\nText here.\n',
      100,
      'fr',
    );
    expect(stretched).toMatch(
      /^---\nname: Mali\nsummary: A Sahel country on the routes (\S+ ){4,}north\.\nlang: fr\n---\n/,
    );
  });
});
