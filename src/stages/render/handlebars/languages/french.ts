import { memoize, moneyScale, type FigureStyle } from './figure-style.js';

/** French typography puts a narrow no-break space between thousands and before `%`. */
const NARROW_NO_BREAK_SPACE = '\u202F';

// Every French tag (fr, fr-FR, fr-BE, fr-CA…) writes figures one way, from plain `fr` data:
// regional CLDR variants differ in spaces (fr-CA: U+00A0) and decimals (fr-CH: `.`).
const oneDecimal = new Intl.NumberFormat('fr', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('fr', { maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat('fr', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const numberWith = memoize((decimals: number) => new Intl.NumberFormat('fr', { maximumFractionDigits: decimals }));
// French makes "milliard" plural from 2 on (1,5 milliard, 2 milliards); the rules see the printed decimal.
const plural = new Intl.PluralRules('fr', { maximumFractionDigits: 1 });

/** The currency's CLDR name in French, by count (`1 euro`, `2 euros`; `1 dollar des États-Unis`). */
const currencyNames = memoize(
  (code: string) =>
    new Intl.NumberFormat('fr', {
      style: 'currency',
      currency: code,
      currencyDisplay: 'name',
      minimumFractionDigits: 0,
      maximumFractionDigits: 0,
    }),
);

function currencyName(code: string, count: number): string {
  return (
    currencyNames(code)
      .formatToParts(count)
      .find((part) => part.type === 'currency')?.value ?? code
  );
}

/**
 * "de" before the plural currency name after millions and billions, elided before a vowel:
 * `d’euros`, `de dollars des États-Unis`, `de francs suisses`. Not before "h" or "y" (`de yens`):
 * CLDR's French currency names never start with a mute h.
 */
const ofCurrency = memoize((code: string): string => {
  const name = currencyName(code, 2); // 2 is in the plural ("other") category
  return /^[aeiouœæ]/i.test(name.normalize('NFD')) ? `d’${name}` : `de ${name}`;
});

/** A no-break space keeps a figure with its unit (`2,9 milliards`): a line may break only before `d’euros`. */
const NO_BREAK_SPACE = '\u00A0';

function inUnits(value: number, singular: string, currency: string): string {
  return `${oneDecimal.format(value)}${NO_BREAK_SPACE}${plural.select(value) === 'one' ? singular : `${singular}s`} ${ofCurrency(currency)}`;
}

/**
 * French as French typography writes it, with the long forms CLDR has no pattern for:
 * `2,9 milliards d’euros`, `1 million d’euros`, `950 000 euros`, `4 400`, `67 %`,
 * `6 septembre 2017`, `1er septembre 2017`.
 */
export const FRENCH: FigureStyle = {
  money(amount, currency) {
    switch (moneyScale(amount)) {
      case 'billion':
        return inUnits(amount / 1e9, 'milliard', currency);
      case 'million':
        return inUnits(amount / 1e6, 'million', currency);
      case 'unit':
        return `${wholeNumber.format(amount)}${NO_BREAK_SPACE}${currencyName(currency, amount)}`;
    }
  },
  number: (value, decimals) => numberWith(decimals).format(value),
  // CLDR's own French percent puts U+00A0 before the sign; French typography wants U+202F.
  percent: (percent) => `${wholeNumber.format(percent)}${NARROW_NO_BREAK_SPACE}%`,
  // The first of a month is an ordinal in French: 1er septembre.
  date: (day) =>
    longDate
      .formatToParts(day)
      .map((part) => (part.type === 'day' && part.value === '1' ? '1er' : part.value))
      .join(''),
};
