/**
 * Pure formatters for figures, in the factsheet's house style. Templates and prose reach them
 * through the Handlebars helpers; plan code may use them directly.
 */

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Rounds to one decimal the way Intl does (half away from zero), for threshold checks. */
function roundToTenth(value: number): number {
  return Number(oneDecimal.format(value).replace(/,/g, ''));
}

/**
 * Amounts as the factsheet writes them, in euros unless the settings name another currency:
 * `€2.9 billion`, `€217.7 million`, `€44 billion` (one decimal at most, no trailing `.0`), and
 * grouped digits below a million: `€950,000`. A value that rounds up to the next unit is
 * written in that unit (999,999,999 → €1 billion).
 */
export function formatMoney(amount: number, currency = 'EUR'): string {
  assertAmount(amount, 'money');
  const sign = currencySign(currency);
  if (roundToTenth(amount / 1e6) >= 1000) return `${sign}${oneDecimal.format(amount / 1e9)} billion`;
  if (Math.round(amount) >= 1e6) return `${sign}${oneDecimal.format(amount / 1e6)} million`;
  return `${sign}${wholeNumber.format(amount)}`;
}

const currencySigns = new Map<string, string>();

/** `€`, `$`, `£`; a sign made of letters (`CHF`) is followed by a space. */
function currencySign(code: string): string {
  let sign = currencySigns.get(code);
  if (sign === undefined) {
    const parts = new Intl.NumberFormat('en-GB', { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
    const symbol = parts.find((part) => part.type === 'currency')?.value ?? code;
    sign = /\p{L}$/u.test(symbol) ? `${symbol} ` : symbol;
    currencySigns.set(code, sign);
  }
  return sign;
}

/** A count or plain number with grouped thousands: `169`, `4,400`, `12.5` (one decimal at most). */
export function formatNumber(value: number, decimals = 1): string {
  assertFinite(value, 'number');
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals }).format(value);
}

/** A share (0 to 1) as a whole percentage: 0.4231 → `42%`; anything above 0 but under 0.5% → `<1%`. */
export function formatPercent(share: number): string {
  assertFinite(share, 'percent');
  if (share > 0 && share < 0.005) return '<1%';
  return `${wholeNumber.format(share * 100)}%`;
}

/** An ISO date (YYYY-MM-DD) in words: `6 September 2017`. */
export function formatDate(isoDate: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(isoDate) ? new Date(`${isoDate}T00:00:00Z`) : new Date(Number.NaN);
  if (Number.isNaN(parsed.getTime())) throw new TypeError(`date expects an ISO date (YYYY-MM-DD), got ${describe(isoDate)}`);
  return longDate.format(parsed);
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
