import type { DatasetRow } from './record.js';

/** A changed field of a dataset row, as old → new. */
export interface FieldChange {
  readonly field: keyof DatasetRow;
  readonly before: string;
  readonly after: string;
}

/** One dataset row that differs between the approved build and this one. */
export type RowChange =
  | {
      readonly kind: 'changed';
      readonly before: DatasetRow;
      readonly after: DatasetRow;
      readonly fields: readonly FieldChange[];
    }
  | { readonly kind: 'added'; readonly after: DatasetRow }
  | { readonly kind: 'removed'; readonly before: DatasetRow };

const FIELDS: readonly (keyof DatasetRow)[] = [
  'country',
  'instrument',
  'programme',
  'sector',
  'year',
  'amountEur',
  'status',
  'source',
];

/**
 * Ways of recognising the same row in both versions, strictest first: a row whose amount or
 * status changed keeps its country, instrument, programme, sector and year; one whose
 * programme was renamed keeps the rest.
 */
const IDENTITIES: readonly ((row: DatasetRow) => string)[] = [
  (row) => JSON.stringify([row.country, row.instrument, row.programme ?? '', row.sector ?? '', row.year]),
  (row) => JSON.stringify([row.country, row.programme ?? '', row.year]),
  (row) => JSON.stringify([row.country, row.instrument, row.year, row.amountEur]),
];

/**
 * The rows a document used that changed, were added or were removed. Equal rows are matched
 * first (as a multiset: duplicates count), then the rest by identity, strictest first; what
 * is left was removed or added.
 */
export function diffRows(approved: readonly DatasetRow[], current: readonly DatasetRow[]): RowChange[] {
  const approvedKeys = approved.map(rowKey);
  const currentKeys = current.map(rowKey);
  let before = unmatched(approved, approvedKeys, currentKeys);
  let after = unmatched(current, currentKeys, approvedKeys);
  const changes: RowChange[] = [];
  for (const identity of IDENTITIES) {
    const waiting = new Map<string, DatasetRow[]>();
    for (const row of before) {
      const key = identity(row);
      const list = waiting.get(key);
      if (list === undefined) waiting.set(key, [row]);
      else list.push(row);
    }
    const paired = new Set<DatasetRow>();
    const stillNew: DatasetRow[] = [];
    for (const row of after) {
      const match = waiting.get(identity(row))?.shift();
      if (match === undefined) stillNew.push(row);
      else {
        paired.add(match);
        changes.push({ kind: 'changed', before: match, after: row, fields: fieldChanges(match, row) });
      }
    }
    before = before.filter((row) => !paired.has(row));
    after = stillNew;
  }
  for (const row of before) changes.push({ kind: 'removed', before: row });
  for (const row of after) changes.push({ kind: 'added', after: row });
  return changes.sort((a, b) => describeRow(rowOf(a)).localeCompare(describeRow(rowOf(b))));
}

export function rowKey(row: DatasetRow): string {
  return JSON.stringify(FIELDS.map((field) => row[field] ?? null));
}

/** The rows left over once each is matched with an equal row of the other side (each used once); keys are computed once per row. */
function unmatched(rows: readonly DatasetRow[], keys: readonly string[], otherKeys: readonly string[]): DatasetRow[] {
  const counts = new Map<string, number>();
  for (const key of otherKeys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return rows.filter((_row, index) => {
    const key = keys[index] ?? '';
    const count = counts.get(key) ?? 0;
    if (count === 0) return true;
    counts.set(key, count - 1);
    return false;
  });
}

function fieldChanges(before: DatasetRow, after: DatasetRow): FieldChange[] {
  return FIELDS.filter((field) => before[field] !== after[field]).map((field) => ({
    field,
    before: fieldValue(before[field]),
    after: fieldValue(after[field]),
  }));
}

/** A field as stored; an amount is formatted in the project's currency when it is described. */
function fieldValue(value: DatasetRow[keyof DatasetRow]): string {
  return value === undefined ? '(empty)' : String(value);
}

/** `€25,000,000`, `US$1,500.5`: an amount in the project's currency (the dataset column is named amount_eur whatever it holds). */
export function formatAmount(value: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency,
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    }).format(value);
  } catch {
    return `${value.toLocaleString('en-GB', { maximumFractionDigits: 2 })} ${currency}`;
  }
}

function shownField(field: keyof DatasetRow, text: string, currency: string): string {
  return field === 'amountEur' && text !== '(empty)' && Number.isFinite(Number(text))
    ? formatAmount(Number(text), currency)
    : text;
}

export function rowOf(change: RowChange): DatasetRow {
  return change.kind === 'removed' ? change.before : change.after;
}

/** `ML · Jobs and skills for young people · 2016`: how a row is named in a report. */
export function describeRow(row: DatasetRow): string {
  return [row.country, row.programme ?? row.instrument, String(row.year)].join(' · ');
}

/** One line per change: `ML · Civil registration · 2017: amount €25,000,000 → €25,100,000`. */
export function describeRowChange(
  change: RowChange,
  currency = 'EUR',
  positionOf: (row: DatasetRow) => string | undefined = () => undefined,
): string {
  // Where the row is now (`funding.csv:12`, `Funding!12:12`); a removed row is in no current file.
  const at = (row: DatasetRow): string => {
    const position = positionOf(row);
    return position === undefined ? '' : ` (${position})`;
  };
  if (change.kind === 'added')
    return `added row ${describeRow(change.after)}${at(change.after)}: ${formatAmount(change.after.amountEur, currency)}, ${change.after.status}`;
  if (change.kind === 'removed')
    return `removed row ${describeRow(change.before)}: ${formatAmount(change.before.amountEur, currency)}, ${change.before.status}`;
  const fields = change.fields
    .map(
      ({ field, before, after }) =>
        `${FIELD_LABELS[field]} ${shownField(field, before, currency)} → ${shownField(field, after, currency)}`,
    )
    .join('; ');
  return `row ${describeRow(change.before)}${at(change.after)}: ${fields}`;
}

const FIELD_LABELS: Readonly<Record<keyof DatasetRow, string>> = {
  country: 'country',
  instrument: 'instrument',
  programme: 'programme',
  sector: 'sector',
  year: 'year',
  amountEur: 'amount',
  status: 'status',
  source: 'source',
};
