import { memoize, moneyScale, type FigureStyle } from './figure-style.js';

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const numberWith = memoize((decimals: number) => new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals }));

/** `€`, `$`, `£`; a sign made of letters (`CHF`) is followed by a space. */
const currencySign = memoize((code: string): string => {
  const parts = new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: code,
    currencyDisplay: 'narrowSymbol',
  }).formatToParts(0);
  const symbol = parts.find((part) => part.type === 'currency')?.value ?? code;
  return /\p{L}$/u.test(symbol) ? `${symbol} ` : symbol;
});

/**
 * The factsheet's house style, the same for every English tag (en, en-US, en-GB…):
 * `€2.9 billion`, `€217.7 million`, `€950,000`, `4,400`, `67%`, `6 September 2017`.
 */
export const ENGLISH: FigureStyle = {
  money(amount, currency) {
    const sign = currencySign(currency);
    switch (moneyScale(amount)) {
      case 'billion':
        return `${sign}${oneDecimal.format(amount / 1e9)} billion`;
      case 'million':
        return `${sign}${oneDecimal.format(amount / 1e6)} million`;
      case 'unit':
        return `${sign}${wholeNumber.format(amount)}`;
    }
  },
  number: (value, decimals) => numberWith(decimals).format(value),
  percent: (percent) => `${wholeNumber.format(percent)}%`,
  date: (day) => longDate.format(day),
};
