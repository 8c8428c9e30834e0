import { memoize, moneyScale, type FigureStyle } from './figure-style.js';

/**
 * A language with no hand-written style (de, es, pt…) writes figures as CLDR does through Intl,
 * with the house rules on top: millions and billions in CLDR's compact notation with one
 * decimal at most (`2,9 Mrd. €` in German; Spanish CLDR writes `2900 M €`), whole units below
 * a million (`950.000 €`), the currency sign where CLDR puts it, CLDR's percent and long date.
 */
export function cldrStyle(tag: string): FigureStyle {
  const wholeMoney = memoize(
    (currency: string) =>
      new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        minimumFractionDigits: 0,
        maximumFractionDigits: 0,
      }),
  );
  const compactMoney = memoize(
    (currency: string) =>
      new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        notation: 'compact',
        minimumFractionDigits: 0,
        maximumFractionDigits: 1,
      }),
  );
  const numberWith = memoize((decimals: number) => new Intl.NumberFormat(tag, { maximumFractionDigits: decimals }));
  const wholePercent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 });
  const longDate = new Intl.DateTimeFormat(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  return {
    money(amount, currency) {
      // Compact notation is given whole units so that 999,999.6 is "1 Mio. €" as the house rule says.
      return moneyScale(amount) === 'unit'
        ? wholeMoney(currency).format(amount)
        : compactMoney(currency).format(Math.round(amount));
    },
    number: (value, decimals) => numberWith(decimals).format(value),
    percent: (percent) => wholePercent.format(percent / 100),
    date: (day) => longDate.format(day),
  };
}
