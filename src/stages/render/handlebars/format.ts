/**
 * Pure formatters for figures, in the factsheet's house style and in the document's language
 * (a BCP 47 tag, English by default). Templates and prose reach them through the Handlebars
 * helpers; plan code may use them directly. How each language writes figures is in languages/.
 */
import type { FigureStyle } from './languages/figure-style.js';
import { figureStyle } from './languages/resolve.js';

/**
 * Amounts as the factsheet writes them, in euros unless the settings name another currency:
 * `€2.9 billion`, `€217.7 million`, `€44 billion` (one decimal at most, no trailing `.0`), and
 * grouped digits below a million: `€950,000`; in French `2,9 milliards d’euros`, `950 000 euros`.
 * A value that rounds up to the next unit is written in that unit (999,999,999 → €1 billion).
 */
export function formatMoney(amount: number, currency = 'EUR', lang = 'en'): string {
  assertAmount(amount, 'money');
  return styleFor(lang, 'money').money(amount, currency);
}

/** A count or plain number with grouped thousands: `169`, `4,400`, `12.5` (one decimal at most); French `4 400`. */
export function formatNumber(value: number, decimals = 1, lang = 'en'): string {
  assertFinite(value, 'number');
  return styleFor(lang, 'number').number(value, decimals);
}

/** A share (0 to 1) as a whole percentage: 0.4231 → `42%`; anything above 0 but under 0.5% → `<1%`. */
export function formatPercent(share: number, lang = 'en'): string {
  assertFinite(share, 'percent');
  const style = styleFor(lang, 'percent');
  if (share > 0 && share < 0.005) return `<${style.percent(1)}`;
  return style.percent(share * 100);
}

/** A percentage that is already a whole number (a bar's `roundedPercent`): 67 → `67%`, French `67 %`. */
export function formatWholePercent(percent: number, lang = 'en'): string {
  assertFinite(percent, 'wholePercent');
  if (!Number.isInteger(percent)) {
    throw new RangeError(
      `wholePercent expects a whole number of percent (67 for 67%), got ${percent}; for a share between 0 and 1 use percent`,
    );
  }
  return styleFor(lang, 'wholePercent').percent(percent);
}

/** An ISO date (YYYY-MM-DD) in words: `6 September 2017`; French `6 septembre 2017`. */
export function formatDate(isoDate: string, lang = 'en'): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? new Date(`${isoDate}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime()))
    throw new TypeError(`date expects an ISO date (YYYY-MM-DD), got ${describe(isoDate)}`);
  return styleFor(lang, 'date').date(parsed);
}

function styleFor(lang: unknown, helper: string): FigureStyle {
  if (typeof lang !== 'string') {
    throw new TypeError(`${helper} expects a language tag such as "en" or "fr", got ${describe(lang)}`);
  }
  return figureStyle(lang, helper);
}

function assertAmount(value: number, helper: string): void {
  assertFinite(value, helper);
  if (value < 0) throw new RangeError(`${helper} expects an amount of zero or more, got ${value}`);
}

function assertFinite(value: unknown, helper: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${helper} expects a number, got ${describe(value)}`);
  }
}

/** Says what a wrong value was, briefly: `undefined`, `"12 million" (text)`. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}" (text)`;
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'an object';
  return String(value);
}
