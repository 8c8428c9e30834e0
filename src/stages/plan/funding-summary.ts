import type { FundingRecord, FundingStatus } from '../../model/documents.js';
import { FUNDING_STATUSES } from '../validate/dataset.js';
import { fundingTable, type FundingRow, type FundingTable } from './funding-table.js';

export type { FundingRow };
import { roundedPercents } from './rounded-percents.js';

/**
 * One slice of a total: what, how much, its share of the total (exact), its whole percentage
 * (the slices of one list add up to exactly 100), its bar length (0–100).
 */
export interface Share {
  readonly label: string;
  readonly amount: number;
  readonly share: number;
  readonly roundedPercent: number;
  readonly barPercent: number;
}

/** A status's share, with the status code (`paid`) beside its printed label. */
export interface StatusShare extends Share {
  readonly code: FundingStatus;
}

/** Funding lines a one-pager's table may show when neither the layout nor the writer says otherwise. */
export const DEFAULT_FUNDING_LINES = 12;

/** Everything a page says about a set of funding rows, computed once. */
export interface FundingSummary {
  readonly total: number;
  /** True when any row's source marks it as sample data ("Sample data…"). */
  readonly isSample: boolean;
  readonly rowCount: number;
  readonly programmeCount: number;
  readonly firstYear: number;
  readonly lastYear: number;
  /** `2016–2018`, or `2017` for a single year. */
  readonly years: string;
  readonly byInstrument: readonly Share[];
  readonly byStatus: readonly StatusShare[];
  readonly byYear: readonly Share[];
  /** Contracted plus paid, as a share of the total. */
  readonly contractedShare: number;
  readonly sources: readonly string[];
  /** The rows themselves, newest year first, then largest first: every row, whatever the table shows. */
  readonly rows: readonly FundingRow[];
  /** The lines the table may show (largest amounts, at most the cap) and its closing line. */
  readonly table: FundingTable;
}

const SAMPLE_SOURCE = /^sample\b/i;

/** True when a row's `source` says the figure is sample data, not a published one. */
export function isSampleRecord(record: FundingRecord): boolean {
  return record.source !== undefined && SAMPLE_SOURCE.test(record.source);
}

/** Totals by instrument (largest first), status (contract order) and year (ascending). */
export function summariseFunding(
  records: readonly FundingRecord[],
  tableCap = DEFAULT_FUNDING_LINES,
  statusLabel: (status: FundingStatus) => string = capitalise,
): FundingSummary {
  const total = sum(records);
  // A loop, not Math.min(...years): a country may have a great many rows.
  let firstYear = Number.POSITIVE_INFINITY;
  let lastYear = Number.NEGATIVE_INFINITY;
  for (const record of records) {
    firstYear = Math.min(firstYear, record.year);
    lastYear = Math.max(lastYear, record.year);
  }
  const rows = [...records]
    .sort((a, b) => b.year - a.year || b.amountEur - a.amountEur || a.line - b.line)
    .map((record) =>
      Object.freeze({
        programme: record.programme ?? record.instrument,
        instrument: record.instrument,
        sector: record.sector ?? '',
        year: record.year,
        status: statusLabel(record.status),
        statusCode: record.status,
        amount: record.amountEur,
        isSample: isSampleRecord(record),
      }),
    );
  const statusTotals = groupTotals(records, (record) => record.status);
  const contracted = (statusTotals.get('contracted') ?? 0) + (statusTotals.get('paid') ?? 0);
  return Object.freeze({
    total,
    isSample: records.some(isSampleRecord),
    rowCount: records.length,
    programmeCount: new Set(records.map((record) => record.programme ?? `${record.instrument}#${record.line}`)).size,
    firstYear,
    lastYear,
    years: firstYear === lastYear ? String(firstYear) : `${firstYear}–${lastYear}`,
    byInstrument: toShares(
      groupTotals(records, (record) => record.instrument),
      total,
      byAmountThenLabel,
    ),
    byStatus: statusShares(statusTotals, total, statusLabel),
    byYear: toShares(
      groupTotals(records, (record) => String(record.year)),
      total,
      (a, b) => a[0].localeCompare(b[0]),
    ),
    contractedShare: total === 0 ? 0 : contracted / total,
    sources: [...new Set(records.flatMap((record) => (record.source === undefined ? [] : [record.source])))].sort(),
    rows,
    table: fundingTable(rows, total, tableCap),
  });
}

export function sum(records: readonly FundingRecord[]): number {
  // Sum in cents so that decimal amounts add up exactly.
  return records.reduce((cents, record) => cents + Math.round(record.amountEur * 100), 0) / 100;
}

function groupTotals(records: readonly FundingRecord[], key: (record: FundingRecord) => string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const record of records) totals.set(key(record), (totals.get(key(record)) ?? 0) + record.amountEur);
  return totals;
}

type Entry = [string, number];

function byAmountThenLabel(a: Entry, b: Entry): number {
  return b[1] - a[1] || a[0].localeCompare(b[0]);
}

/** Turns totals into shares; `order` sorts them, or insertion order is kept. */
export function toShares(
  totals: ReadonlyMap<string, number>,
  total: number,
  order?: (a: Entry, b: Entry) => number,
): Share[] {
  const entries = [...totals.entries()];
  if (order !== undefined) entries.sort(order);
  let largest = 0;
  for (const [, amount] of entries) largest = Math.max(largest, amount);
  const percents = roundedPercents(entries.map(([, amount]) => amount));
  return entries.map(([label, amount], index) =>
    Object.freeze({
      label,
      amount,
      share: total === 0 ? 0 : amount / total,
      roundedPercent: percents[index] ?? 0,
      barPercent: largest === 0 ? 0 : Math.round((amount / largest) * 1000) / 10,
    }),
  );
}

/**
 * Shares by status, in contract order, each with its code beside its label: a layout colours
 * `paid` by its code, whatever the language prints (`Payé`, `Paid`).
 */
function statusShares(
  totals: ReadonlyMap<string, number>,
  total: number,
  statusLabel: (status: FundingStatus) => string,
): StatusShare[] {
  const present = FUNDING_STATUSES.filter((status) => totals.has(status));
  const shares = toShares(new Map(present.map((status) => [statusLabel(status), totals.get(status) ?? 0])), total);
  // toShares keeps the order it is given: share i is status i.
  return shares.map((share, index) => Object.freeze({ ...share, code: present[index] as FundingStatus }));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
