import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatWholePercent,
} from '../../src/stages/render/handlebars/format.js';

describe('formatMoney', () => {
  it.each([
    [2_900_000_000, '€2.9 billion'],
    [2_700_000_000, '€2.7 billion'],
    [217_700_000, '€217.7 million'],
    [44_000_000_000, '€44 billion'],
    [88_000_000_000, '€88 billion'],
    [4_400_000_000, '€4.4 billion'],
    [1_200_000_000, '€1.2 billion'],
    [950_000, '€950,000'],
    [999, '€999'],
    [0, '€0'],
    [1_000_000, '€1 million'],
    [159_000_000, '€159 million'],
    [36_550_000, '€36.6 million'],
    [1_234_000_000_000, '€1,234 billion'],
  ])('%d → %s', (amount, expected) => {
    expect(formatMoney(amount)).toBe(expected);
  });

  it('moves to the next unit when rounding reaches it', () => {
    expect(formatMoney(999_999_999)).toBe('€1 billion');
    expect(formatMoney(999_960_000)).toBe('€1 billion');
    expect(formatMoney(999_940_000)).toBe('€999.9 million');
    expect(formatMoney(999_999.6)).toBe('€1 million');
    expect(formatMoney(999_999.4)).toBe('€999,999');
  });

  it('rounds amounts below a million to whole euros', () => {
    expect(formatMoney(950_000.5)).toBe('€950,001');
  });

  it('refuses what is not an amount', () => {
    expect(() => formatMoney(-5)).toThrow('money expects an amount of zero or more, got -5');
    expect(() => formatMoney(Number.NaN)).toThrow('money expects a number, got NaN');
    expect(() => formatMoney('12' as unknown as number)).toThrow('money expects a number, got "12" (text)');
    expect(() => formatMoney(undefined as unknown as number)).toThrow('money expects a number, got undefined');
  });
});

describe('formatNumber, formatPercent, formatDate', () => {
  it('groups thousands and keeps at most one decimal', () => {
    expect(formatNumber(169)).toBe('169');
    expect(formatNumber(4400)).toBe('4,400');
    expect(formatNumber(12.345)).toBe('12.3');
  });

  it('writes shares as whole percentages', () => {
    expect(formatPercent(0.4231)).toBe('42%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.001)).toBe('<1%');
  });

  it('writes percentages that are already whole, and refuses a share or a fraction there', () => {
    expect(formatWholePercent(67)).toBe('67%');
    expect(formatWholePercent(0)).toBe('0%');
    expect(formatWholePercent(100)).toBe('100%');
    expect(() => formatWholePercent(0.67)).toThrow(
      'wholePercent expects a whole number of percent (67 for 67%), got 0.67; for a share between 0 and 1 use percent',
    );
    expect(() => formatWholePercent(Number.NaN)).toThrow('wholePercent expects a number, got NaN');
  });

  it('writes English the same way whatever the region or the explicit tag', () => {
    for (const lang of ['en', 'en-GB', 'en-US', 'EN']) {
      expect(formatMoney(2_900_000_000, 'EUR', lang)).toBe('€2.9 billion');
      expect(formatNumber(4400, 1, lang)).toBe('4,400');
      expect(formatPercent(0.67, lang)).toBe('67%');
      expect(formatDate('2017-09-06', lang)).toBe('6 September 2017');
    }
  });

  it('writes ISO dates in words and rejects others', () => {
    expect(formatDate('2017-09-06')).toBe('6 September 2017');
    expect(() => formatDate('6/9/2017')).toThrow('date expects an ISO date (YYYY-MM-DD), got "6/9/2017" (text)');
  });
});
