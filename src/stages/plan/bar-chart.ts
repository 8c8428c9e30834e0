import type { Share } from './funding-summary.js';

/** A horizontal bar chart laid out in SVG user units; the template only draws it. */
export interface BarChart {
  readonly width: number;
  readonly height: number;
  /** Whether each bar's share of the total is worth saying (parts of a whole, not a comparison). */
  readonly showShare: boolean;
  readonly bars: readonly {
    readonly label: string;
    readonly amount: number;
    readonly share: number;
    readonly labelY: number;
    readonly valueX: number;
    readonly valueY: number;
    readonly barY: number;
    readonly barWidth: number;
    readonly barHeight: number;
  }[];
}

const WIDTH = 240;
/** Bars stop short of the right edge so that the value label fits after the longest bar. */
const BAR_AREA = 140;
const VALUE_GAP = 4;
const LABEL_HEIGHT = 13;
const BAR_HEIGHT = 7;
const GAP = 7;

/** Lays out one bar per share: label above, bar below, lengths relative to the largest. */
export function layoutBarChart(shares: readonly Share[], showShare = true): BarChart {
  const row = LABEL_HEIGHT + BAR_HEIGHT + GAP;
  return Object.freeze({
    width: WIDTH,
    height: Math.max(0, shares.length * row - GAP),
    showShare,
    bars: shares.map((share, index) => Object.freeze({
      label: share.label,
      amount: share.amount,
      share: share.share,
      labelY: index * row + LABEL_HEIGHT - 3,
      valueX: barWidth(share) + VALUE_GAP,
      valueY: index * row + LABEL_HEIGHT + BAR_HEIGHT - 0.5,
      barY: index * row + LABEL_HEIGHT,
      barWidth: barWidth(share),
      barHeight: BAR_HEIGHT,
    })),
  });
}

/** Length relative to the largest bar; a sliver for tiny non-zero amounts so that every item shows. */
function barWidth(share: Share): number {
  return share.amount > 0 ? Math.max(1.5, Math.round(BAR_AREA * share.barPercent) / 100) : 0;
}
