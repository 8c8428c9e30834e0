/** How one language writes the figures the helpers print; format.ts checks the values first. */
export interface FigureStyle {
  /** An amount of zero or more in the given ISO 4217 currency. */
  money(amount: number, currency: string): string;
  /** A plain number with at most `decimals` decimals. */
  number(value: number, decimals: number): string;
  /** A percentage (67 for 67 %), rounded to a whole number, with the language's percent sign. */
  percent(percent: number): string;
  /** A calendar day (midnight UTC) in words. */
  date(day: Date): string;
}

/** The unit an amount is written in: billions, millions, or whole currency units. */
export type MoneyScale = 'billion' | 'million' | 'unit';

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * Every language shares the house rule for units, so an amount changes only its words from one
 * edition to the next: a value that rounds up to the next unit is written in it
 * (999,999,999 → 1 billion, 999,999.6 → 1 million).
 */
export function moneyScale(amount: number): MoneyScale {
  if (roundToTenth(amount / 1e6) >= 1000) return 'billion';
  if (Math.round(amount) >= 1e6) return 'million';
  return 'unit';
}

/** Rounds to one decimal the way Intl does (half away from zero), for threshold checks. */
function roundToTenth(value: number): number {
  return Number(oneDecimal.format(value).replace(/,/g, ''));
}

/** One Intl object per key, made on first use: formatters are called thousands of times per build. */
export function memoize<Key, Value>(make: (key: Key) => Value): (key: Key) => Value {
  const made = new Map<Key, Value>();
  return (key: Key): Value => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
