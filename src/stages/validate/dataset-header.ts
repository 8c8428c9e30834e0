import { FactsheetsError } from '../../errors.js';
import { closestName } from './closest-name.js';
import { rowPosition } from './csv-rows.js';
import type { ParsedRow } from '../../model/sources.js';

/** The dataset's columns, as the content contract defines them. */
export const DATASET_COLUMNS = [
  'country',
  'instrument',
  'programme',
  'sector',
  'year',
  'amount_eur',
  'status',
  'source',
] as const;
export type Column = (typeof DATASET_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly Column[] = ['country', 'instrument', 'year', 'amount_eur', 'status'];

/** Header problems of one kind listed one by one; past these, a count. */
const LISTED_PER_KIND = 10;

/**
 * The header's problems, one per cause: a misspelt required column (`amount` for `amount_eur`)
 * is one error (not also "missing amount_eur"), and unknown or repeated columns past the first
 * ten are a count.
 */
export function checkHeader(file: string, header: ParsedRow): FactsheetsError[] {
  const unknown: FactsheetsError[] = [];
  const repeated: FactsheetsError[] = [];
  const seen = new Set<string>();
  const meant = new Set<string>();
  header.fields.forEach((name, index) => {
    const at = located(file, header, index);
    const cell = cellPrefix(header, index);
    if (!(DATASET_COLUMNS as readonly string[]).includes(name)) {
      const suggestion = closestName(name, DATASET_COLUMNS);
      if (suggestion !== undefined) meant.add(suggestion);
      unknown.push(
        new FactsheetsError(`${cell}unknown column "${name}"`, {
          ...at,
          hint: `${suggestion === undefined ? '' : `Did you mean "${suggestion}"? `}Known columns: ${DATASET_COLUMNS.join(', ')}.`,
        }),
      );
    } else if (seen.has(name)) {
      repeated.push(
        new FactsheetsError(`${cell}column "${name}" appears twice`, { ...at, hint: 'Keep one column of each name.' }),
      );
    }
    seen.add(name);
  });
  const missing = REQUIRED_COLUMNS.filter((required) => !seen.has(required) && !meant.has(required)).map(
    (required) =>
      new FactsheetsError(`${cellPrefix(header)}missing required column "${required}"`, {
        ...located(file, header),
        hint: `Add a "${required}" column to the header row.`,
      }),
  );
  return [...capped(unknown, 'unknown columns', file), ...capped(repeated, 'repeated columns', file), ...missing].sort(
    byColumn,
  );
}

/** The first errors of a kind, then one that counts the rest (`and 9,990 more unknown columns`). */
function capped(errors: readonly FactsheetsError[], kind: string, file: string): FactsheetsError[] {
  if (errors.length <= LISTED_PER_KIND) return [...errors];
  const rest = errors.length - LISTED_PER_KIND;
  return [
    ...errors.slice(0, LISTED_PER_KIND),
    new FactsheetsError(
      `and ${rest.toLocaleString('en')} more ${kind} (${errors.length.toLocaleString('en')} in all)`,
      {
        stage: 'validate',
        file,
        line: errors[0]?.line ?? 1,
        hint: `Is the first row the header? The header names the columns: ${DATASET_COLUMNS.join(', ')}.`,
      },
    ),
  ];
}

function byColumn(a: FactsheetsError, b: FactsheetsError): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? Number.MAX_SAFE_INTEGER) - (b.column ?? Number.MAX_SAFE_INTEGER);
}

/** An error's position fields for a row or field: line and column in a CSV; a sheet's cell goes in the message. */
export function located(
  file: string,
  row: ParsedRow,
  field?: number,
): { stage: 'validate'; file: string; line?: number; column?: number } {
  const { line, column } = rowPosition(row, field);
  return {
    stage: 'validate',
    file,
    ...(line === undefined ? {} : { line }),
    ...(column === undefined ? {} : { column }),
  };
}

/** `Funding!F14: ` for a spreadsheet's cell (`funding.xlsx: Funding!F14: column "amount_eur": …`); nothing for a CSV. */
export function cellPrefix(row: ParsedRow, field?: number): string {
  const { cell } = rowPosition(row, field);
  return cell === undefined ? '' : `${cell}: `;
}
