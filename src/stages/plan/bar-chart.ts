import type { Share } from './funding-summary.js';
import { shorten } from './funding-table.js';

/** A horizontal bar chart laid out in SVG user units; the template only draws it. */
export interface BarChart {
  readonly width: number;
  readonly height: number;
  /** Whether each bar's share of the total is worth saying (parts of a whole, not a comparison). */
  readonly showShare: boolean;
  readonly bars: readonly {
    readonly label: string;
    /** The label broken into lines that fit the chart's width (one for most labels). */
    readonly labelLines: readonly string[];
    readonly amount: number;
    readonly share: number;
    /** Whole percentage; the bars of one chart add up to 100. */
    readonly roundedPercent: number;
    readonly labelY: number;
    readonly valueX: number;
    readonly valueY: number;
    readonly barY: number;
    readonly barWidth: number;
    readonly barHeight: number;
  }[];
}

const WIDTH = 240;
/**
 * A country brief's charts sit in its narrow panel (46 mm inside its padding at the densest
 * step): fewer units across, so that their 10-unit type prints at 7 pt or more there (at 240
 * it printed 6.2 pt; 9 pt at the design's 58 mm).
 */
export const PANEL_CHART_WIDTH = 182;
/** Bars stop short of the right edge so that the value label fits after the longest bar (of 240 units). */
const BAR_AREA = 140;
const VALUE_GAP = 4;
const LABEL_HEIGHT = 13;
/** Distance between the baselines of a wrapped label's lines (the label's type is 10 units). */
export const LABEL_LINE_HEIGHT = 11;
const BAR_HEIGHT = 7;
const GAP = 7;
/**
 * The width a label line may take, short of the chart's width. The label's type is 10 units,
 * so widths are in the chart's own units whatever size the chart is drawn at.
 */
const LABEL_MARGIN = 6;
const LABEL_MAX_WIDTH = WIDTH - LABEL_MARGIN;
/** A label longer than this many lines is shortened with an ellipsis. */
const MAX_LABEL_LINES = 2;

/** Lays out one bar per share: label above (wrapped), bar below, lengths relative to the largest. */
export function layoutBarChart(shares: readonly Share[], showShare = true, width = WIDTH): BarChart {
  let top = 0;
  const barArea = BAR_AREA - (WIDTH - width);
  const bars = shares.map((share) => {
    const labelLines = wrapLabel(share.label, width - LABEL_MARGIN);
    const labelHeight = LABEL_HEIGHT + (labelLines.length - 1) * LABEL_LINE_HEIGHT;
    const bar = Object.freeze({
      label: share.label,
      labelLines,
      amount: share.amount,
      share: share.share,
      roundedPercent: share.roundedPercent,
      labelY: top + LABEL_HEIGHT - 3,
      valueX: barWidth(share, barArea) + VALUE_GAP,
      valueY: top + labelHeight + BAR_HEIGHT - 0.5,
      barY: top + labelHeight,
      barWidth: barWidth(share, barArea),
      barHeight: BAR_HEIGHT,
    });
    top += labelHeight + BAR_HEIGHT + GAP;
    return bar;
  });
  return Object.freeze({ width, height: Math.max(0, top - GAP), showShare, bars });
}

/** Breaks a label at spaces into lines that fit the chart; a label longer than two lines ends in an ellipsis. */
export function wrapLabel(label: string, maxWidth = LABEL_MAX_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  const words = label.split(/\s+/).filter((word) => word !== '');
  for (const [index, word] of words.entries()) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (labelWidth(candidate) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    if (lines.length === MAX_LABEL_LINES - 1) {
      lines.push(fitWithEllipsis(words.slice(index).join(' '), maxWidth));
      return lines;
    }
    line = fitWithEllipsis(word, maxWidth);
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** The longest shortening of `text` (at a word where possible) that fits one label line. */
function fitWithEllipsis(text: string, maxWidth: number): string {
  if (labelWidth(text) <= maxWidth) return text;
  let characters = [...text].length;
  let shortened = shorten(text, characters);
  while (characters > 2 && labelWidth(shortened) > maxWidth) {
    characters -= 1;
    shortened = shorten(text, characters);
  }
  return shortened;
}

/**
 * A generous estimate of a label's width in the chart's units (10-unit semibold sans), from
 * classes of characters: wide enough never to undercount, so that no label reaches the edge.
 */
export function labelWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    if ("ilIj.,;:!|'’".includes(character)) width += 2.5;
    else if ('frt'.includes(character)) width += 3.4;
    else if (character === ' ') width += 2.2;
    else if ('MW'.includes(character)) width += 8.6;
    else if ('mw'.includes(character)) width += 7.6;
    else if (character !== character.toLowerCase()) width += 6;
    else width += 5;
  }
  return width;
}

/** Length relative to the largest bar; a sliver for tiny non-zero amounts so that every item shows. */
function barWidth(share: Share, barArea: number): number {
  return share.amount > 0 ? Math.max(1.5, Math.round(barArea * share.barPercent) / 100) : 0;
}
