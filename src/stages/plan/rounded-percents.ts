/**
 * Whole percentages that add up to exactly 100 (largest-remainder rounding): each part gets
 * its rounded-down share, and the points still missing go to the parts that lost the most
 * in rounding (ties: the earlier part). Shares shown side by side then match the "100%" beside them.
 */
export function roundedPercents(amounts: readonly number[]): number[] {
  let total = 0;
  for (const amount of amounts) total += amount;
  if (!(total > 0)) return amounts.map(() => 0);
  const exact = amounts.map((amount) => (amount / total) * 100);
  const rounded = exact.map((value) => Math.floor(value));
  let missing = 100;
  for (const value of rounded) missing -= value;
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let step = 0; step < missing && step < byRemainder.length; step += 1) {
    const entry = byRemainder[step];
    if (entry !== undefined) rounded[entry.index] = (rounded[entry.index] ?? 0) + 1;
  }
  return rounded;
}
