import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { createEnvironment } from '../../src/stages/render/handlebars/environment.js';
import {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatWholePercent,
} from '../../src/stages/render/handlebars/format.js';
import { templatesOf } from '../helpers/templates.js';

/** U+202F NARROW NO-BREAK SPACE, written out so that the expectations show where it is. */
const NNBSP = '\u202F';
/** U+00A0 NO-BREAK SPACE, as CLDR puts it in German and Spanish, and French keeps a figure with its unit. */
const NBSP = '\u00A0';

describe('French figures', () => {
  it.each([
    [2_900_000_000, `2,9${NBSP}milliards d’euros`],
    [1_000_000_000, `1${NBSP}milliard d’euros`],
    [1_500_000_000, `1,5${NBSP}milliard d’euros`],
    [1_960_000_000, `2${NBSP}milliards d’euros`],
    [217_700_000, `217,7${NBSP}millions d’euros`],
    [1_000_000, `1${NBSP}million d’euros`],
    [950_000, `950${NNBSP}000${NBSP}euros`],
    [1, `1${NBSP}euro`],
    [0, `0${NBSP}euro`],
    [1_234_000_000_000, `1${NNBSP}234${NBSP}milliards d’euros`],
  ])('money %d → %s', (amount, expected) => {
    expect(formatMoney(amount, 'EUR', 'fr')).toBe(expected);
  });

  it('keeps the house rounding: one decimal at most, the next unit when rounding reaches it', () => {
    expect(formatMoney(999_999_999, 'EUR', 'fr')).toBe(`1${NBSP}milliard d’euros`);
    expect(formatMoney(999_940_000, 'EUR', 'fr')).toBe(`999,9${NBSP}millions d’euros`);
    expect(formatMoney(999_999.6, 'EUR', 'fr')).toBe(`1${NBSP}million d’euros`);
    expect(formatMoney(999_999.4, 'EUR', 'fr')).toBe(`999${NNBSP}999${NBSP}euros`);
    expect(formatMoney(36_550_000, 'EUR', 'fr')).toBe(`36,6${NBSP}millions d’euros`);
  });

  it('writes every French region the same way', () => {
    for (const lang of ['fr', 'fr-FR', 'fr-BE', 'fr-CA', 'fr-CH', 'FR-be']) {
      expect(formatMoney(2_900_000_000, 'EUR', lang)).toBe(`2,9${NBSP}milliards d’euros`);
      expect(formatNumber(4400, 1, lang)).toBe(`4${NNBSP}400`);
      expect(formatPercent(0.67, lang)).toBe(`67${NNBSP}%`);
    }
  });

  it('names other currencies by their CLDR French names, with "de" elided before a vowel', () => {
    expect(formatMoney(2_900_000_000, 'USD', 'fr')).toBe(`2,9${NBSP}milliards de dollars des États-Unis`);
    expect(formatMoney(1_000_000, 'CHF', 'fr')).toBe(`1${NBSP}million de francs suisses`);
    expect(formatMoney(1_500_000_000, 'CHF', 'fr')).toBe(`1,5${NBSP}milliard de francs suisses`);
    expect(formatMoney(12_500_000, 'AED', 'fr')).toBe(`12,5${NBSP}millions de dirhams des Émirats arabes unis`);
    expect(formatMoney(12_500_000, 'MRU', 'fr')).toBe(`12,5${NBSP}millions d’ouguiyas mauritaniens`);
    expect(formatMoney(3_000_000, 'XOF', 'fr')).toBe(`3${NBSP}millions de francs CFA (BCEAO)`);
    expect(formatMoney(1, 'GBP', 'fr')).toBe(`1${NBSP}livre sterling`);
    expect(formatMoney(950_000, 'USD', 'fr')).toBe(`950${NNBSP}000${NBSP}dollars des États-Unis`);
  });

  it('writes numbers, percentages and dates as French typography does', () => {
    expect(formatNumber(4400, 1, 'fr')).toBe(`4${NNBSP}400`);
    expect(formatNumber(12.345, 1, 'fr')).toBe('12,3');
    expect(formatPercent(0.67, 'fr')).toBe(`67${NNBSP}%`);
    expect(formatPercent(0.001, 'fr')).toBe(`<1${NNBSP}%`);
    expect(formatWholePercent(67, 'fr')).toBe(`67${NNBSP}%`);
    expect(formatDate('2017-09-06', 'fr')).toBe('6 septembre 2017');
    expect(formatDate('2017-09-01', 'fr')).toBe('1er septembre 2017');
    expect(formatDate('2017-09-11', 'fr')).toBe('11 septembre 2017');
  });
});

describe('languages written as CLDR writes them', () => {
  it('German', () => {
    expect(formatMoney(2_900_000_000, 'EUR', 'de')).toBe(`2,9${NBSP}Mrd.${NBSP}€`);
    expect(formatMoney(217_700_000, 'EUR', 'de')).toBe(`217,7${NBSP}Mio.${NBSP}€`);
    expect(formatMoney(999_999.6, 'EUR', 'de')).toBe(`1${NBSP}Mio.${NBSP}€`);
    expect(formatMoney(950_000, 'EUR', 'de')).toBe(`950.000${NBSP}€`);
    expect(formatNumber(4400, 1, 'de')).toBe('4.400');
    expect(formatPercent(0.67, 'de')).toBe(`67${NBSP}%`);
    expect(formatWholePercent(67, 'de')).toBe(`67${NBSP}%`);
    expect(formatDate('2017-09-06', 'de')).toBe('6. September 2017');
  });

  it('Spanish', () => {
    expect(formatMoney(2_900_000_000, 'EUR', 'es')).toBe(`2900${NBSP}M${NBSP}€`);
    expect(formatMoney(217_700_000, 'EUR', 'es')).toBe(`217,7${NBSP}M${NBSP}€`);
    expect(formatMoney(950_000, 'EUR', 'es')).toBe(`950.000${NBSP}€`);
    expect(formatNumber(44_000, 1, 'es')).toBe('44.000');
    expect(formatPercent(0.67, 'es')).toBe(`67${NBSP}%`);
    expect(formatDate('2017-09-06', 'es')).toBe('6 de septiembre de 2017');
  });
});

describe('language tags', () => {
  it('names a tag that is not BCP 47', () => {
    expect(() => formatMoney(1, 'EUR', 'en_GB')).toThrow(
      new RangeError(
        'money cannot write figures in "en_GB": it is not a BCP 47 language tag (write for example "en", "fr" or "fr-BE")',
      ),
    );
    expect(() => formatDate('2017-09-06', '')).toThrow(
      'date cannot write figures in "": it is not a BCP 47 language tag',
    );
    expect(() => formatNumber(1, 1, 'fr-')).toThrow(
      'number cannot write figures in "fr-": it is not a BCP 47 language tag',
    );
  });

  it('names a well-formed tag Node has no data for, rather than falling back to another language', () => {
    expect(() => formatPercent(0.5, 'zz')).toThrow(
      new RangeError(
        'percent cannot write figures in "zz": Node\'s CLDR data has no such language (use for example "en", "fr", "de" or "es")',
      ),
    );
    expect(() => formatMoney(1, 'EUR', 'french')).toThrow(
      'money cannot write figures in "french": Node\'s CLDR data has no such language',
    );
  });

  it('names a language that is not text', () => {
    expect(() => formatWholePercent(5, 12 as unknown as string)).toThrow(
      new TypeError('wholePercent expects a language tag such as "en" or "fr", got 12'),
    );
  });
});

describe("helpers in the page's language", () => {
  const environment = createEnvironment(
    templatesOf({
      'layouts/page':
        '{{money total}} · {{number count}} · {{percent share}} · {{wholePercent rounded}} · {{date published}}',
    }),
    '',
  );
  const figures = { total: 2_900_000_000, count: 4400, share: 0.67, rounded: 67, published: '2017-09-01' };

  it('writes French in a view whose lang is fr, in layouts and in prose', () => {
    const french = { ...figures, lang: 'fr' };
    const expected = `2,9${NBSP}milliards d’euros · 4${NNBSP}400 · 67${NNBSP}% · 67${NNBSP}% · 1er septembre 2017`;
    expect(environment.renderLayout('page', french, '')).toBe(expected);
    expect(
      environment.renderProse(
        '{{money total}} · {{number count}} · {{percent share}} · {{wholePercent rounded}} · {{date published}}',
        french,
        'a.fr.md',
      ),
    ).toBe(expected);
  });

  it("uses the settings currency in the page's language", () => {
    expect(
      environment.renderProse('{{money total}}', { ...figures, lang: 'fr', settings: { currency: 'USD' } }, 'a.fr.md'),
    ).toBe(`2,9${NBSP}milliards de dollars des États-Unis`);
  });

  it('writes English when the view has no lang, and English when it says en', () => {
    expect(environment.renderLayout('page', figures, '')).toBe('€2.9 billion · 4,400 · 67% · 67% · 1 September 2017');
    expect(environment.renderLayout('page', { ...figures, lang: 'en' }, '')).toBe(
      '€2.9 billion · 4,400 · 67% · 67% · 1 September 2017',
    );
  });

  it('reports a bad language at the helper call, naming the tag', () => {
    let message = '';
    try {
      environment.renderProse('Intro.\n\nTotal: {{money total}}.', { ...figures, lang: 'fr_FR' }, 'content/mali.fr.md');
    } catch (error) {
      message = formatError(error as never);
    }
    expect(message).toMatch(
      /^content\/mali\.fr\.md:3:8: error: money cannot write figures in "fr_FR": it is not a BCP 47 language tag/,
    );
  });
});
