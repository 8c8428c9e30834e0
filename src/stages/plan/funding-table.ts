import type { FundingStatus } from '../../model/documents.js';

/** One funding line as a page lists it. */
export interface FundingRow {
  readonly programme: string;
  readonly instrument: string;
  readonly sector: string;
  readonly year: number;
  readonly status: string;
  /** The status as the dataset codes it (`planned`, `contracted`, `paid`), whatever the label. */
  readonly statusCode: FundingStatus;
  readonly amount: number;
  readonly isSample: boolean;
}

/** The lines a table leaves out: how many and their total, for its closing line. */
export interface LeftOut {
  readonly count: number;
  readonly amount: number;
  /** One line left out ("1 more line"), for the template's wording. */
  readonly single: boolean;
}

/** A funding line as the one-pager's table shows it. */
export interface FundingLine extends FundingRow {
  /** 1 for the largest amount: lines are dropped from the highest rank when space runs out. */
  readonly rank: number;
  /** The programme title, shortened at a word with an ellipsis when very long. */
  readonly title: string;
  /** The instrument, shortened the same way. */
  readonly instrumentShort: string;
  /** What the closing line says when the table stops just before this line's rank. */
  readonly restFromHere: LeftOut;
}

/**
 * The funding table of a one-pager: at most `cap` lines, chosen largest amount first and
 * shown in the order of the full list (newest first), plus what the closing line says about
 * the rest. The page may show fewer (see the fit steps); every total still covers every row.
 */
export interface FundingTable {
  readonly lines: readonly FundingLine[];
  readonly cap: number;
  /** The lines beyond the cap (count 0 when every line is a candidate). */
  readonly rest: LeftOut;
  readonly cut: boolean;
}

/** Programme titles longer than this are shortened (about two lines of the table's first column). */
export const TITLE_MAX_CHARS = 80;
/**
 * Instrument names longer than this are shortened: only a name no column could hold. The
 * layout cuts a name with "…" where it fills its two lines (one-pager.css, line clamp), so that
 * a long name is cut where the column is full, not at a count of characters.
 */
export const INSTRUMENT_MAX_CHARS = 160;

/** `rows` must be in display order; `total` is their sum. */
export function fundingTable(rows: readonly FundingRow[], total: number, cap: number): FundingTable {
  const ranked = rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => b.row.amount - a.row.amount || a.index - b.index);
  const totalCents = Math.round(total * 100);
  const chosen = new Map<number, FundingLine>();
  let shownCents = 0;
  for (let rank = 1; rank <= Math.min(cap, ranked.length); rank += 1) {
    const entry = ranked[rank - 1];
    if (entry === undefined) break;
    chosen.set(
      entry.index,
      Object.freeze({
        ...entry.row,
        rank,
        title: shorten(entry.row.programme, TITLE_MAX_CHARS),
        instrumentShort: shorten(entry.row.instrument, INSTRUMENT_MAX_CHARS),
        restFromHere: leftOut(ranked.length - (rank - 1), (totalCents - shownCents) / 100),
      }),
    );
    shownCents += Math.round(entry.row.amount * 100);
  }
  const lines = [...chosen.entries()].sort(([a], [b]) => a - b).map(([, line]) => line);
  const rest = leftOut(ranked.length - lines.length, (totalCents - shownCents) / 100);
  return Object.freeze({ lines, cap, rest, cut: rest.count > 0 });
}

function leftOut(count: number, amount: number): LeftOut {
  return Object.freeze({ count, amount: Math.max(0, amount), single: count === 1 });
}

/** `text` cut at the last word that fits in `max` characters, with an ellipsis; short text as it is. */
export function shorten(text: string, max: number): string {
  const characters = [...text];
  if (characters.length <= max) return text;
  const head = characters.slice(0, max - 1).join('');
  const atWord = head.replace(/[\s,;:–—-]+\S*$/u, '');
  return `${(atWord.length >= max / 2 ? atWord : head).trimEnd()}…`;
}
