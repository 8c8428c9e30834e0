/** How many instruments a chart names; the rest are one "Other" bar. */
export const MAX_INSTRUMENT_BARS = 5;
/** Years beyond this many are grouped into spans of equal length. */
export const MAX_YEAR_BARS = 6;

/**
 * Totals, largest first, bounded for a chart: the `keep` largest and one bar for the rest
 * ("Other (7 instruments)"). Nothing is dropped: the rest's amount is the "Other" bar.
 */
export function largestWithOther(
  totals: readonly (readonly [string, number])[],
  keep = MAX_INSTRUMENT_BARS,
  otherLabel: (count: number) => string = (count) => `Other (${count} instruments)`,
): Map<string, number> {
  if (totals.length <= keep + 1) return new Map(totals);
  const bars = new Map(totals.slice(0, keep));
  let other = 0;
  for (const [, amount] of totals.slice(keep)) other += amount;
  bars.set(otherLabel(totals.length - keep), other);
  return bars;
}

/**
 * Totals by year, ascending, bounded for a chart: when there are more than `maxBars` years
 * from first to last, consecutive years are grouped into equal spans ("2004–2006"), counted
 * from the first year; spans without funding are left out.
 */
export function yearSpans(byYear: ReadonlyMap<number, number>, maxBars = MAX_YEAR_BARS): Map<string, number> {
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return new Map();
  if (years.length <= maxBars) return new Map(years.map((year) => [String(year), byYear.get(year) ?? 0]));
  const span = Math.ceil((last - first + 1) / maxBars);
  const spans = new Map<string, number>();
  for (const year of years) {
    const start = first + Math.floor((year - first) / span) * span;
    const end = Math.min(start + span - 1, last);
    const label = start === end ? String(start) : `${start}–${end}`;
    spans.set(label, (spans.get(label) ?? 0) + (byYear.get(year) ?? 0));
  }
  return spans;
}
