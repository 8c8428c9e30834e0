import { parse } from 'csv-parse/sync';
import type { ParsedRow } from '../../model/sources.js';

/** Where a row, or one of its fields, is: a line and column of a CSV, or a sheet's cell. */
export function rowPosition(row: ParsedRow, field?: number): { line?: number; column?: number; cell?: string } {
  const column = field === undefined ? undefined : row.fieldColumns[field];
  if (row.sheet === undefined) return column === undefined ? { line: row.line } : { line: row.line, column };
  return { cell: cellReference(row.sheet, column, row.line) };
}

/** `Funding!F14`, `'Data 2024'!F14`, or the whole row (`Funding!14:14`) without a column. */
export function cellReference(sheet: string, column: number | undefined, row: number): string {
  const name = /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replaceAll("'", "''")}'`;
  return column === undefined ? `${name}!${row}:${row}` : `${name}!${columnLetters(column)}${row}`;
}

/** 1 → A, 27 → AA. */
function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26))
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/**
 * How the file separates fields and writes decimals: commas and points, or the semicolons and
 * decimal commas that spreadsheet programs write in many European locales (fr, de, es, it…).
 */
export interface CsvDialect {
  readonly delimiter: ',' | ';';
  readonly decimal: '.' | ',';
}

export const COMMA_DIALECT: CsvDialect = Object.freeze({ delimiter: ',', decimal: '.' });
export const SEMICOLON_DIALECT: CsvDialect = Object.freeze({ delimiter: ';', decimal: ',' });

/** The dialect, from the header row: column names never hold commas, so semicolons alone mean the European one. */
export function detectDialect(text: string): CsvDialect {
  const header = /^\uFEFF?[^\r\n]*/.exec(text)?.[0] ?? '';
  return header.includes(';') && !header.includes(',') ? SEMICOLON_DIALECT : COMMA_DIALECT;
}

/** Every record of a CSV text (csv-parse: RFC 4180, BOM, CRLF), with its position in the file. */
export function parseRows(text: string, dialect: CsvDialect = COMMA_DIALECT): ParsedRow[] {
  const parsed = parse(text, {
    delimiter: dialect.delimiter,
    bom: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    trim: true,
  }) as unknown as { record: string[]; raw: string }[];
  // Line numbers are counted here from the raw text (CRLF as one break): csv-parse's own
  // count is off inside quoted fields with CRLF. The raws, in order, are the whole file.
  let linesBefore = 0;
  return parsed.map(({ record, raw }) => {
    const leadingBlank = /^(?:\r\n|\r|\n)*/.exec(raw)?.[0] ?? '';
    const row = locateRow(
      record,
      raw.slice(leadingBlank.length),
      1 + linesBefore + countBreaks(leadingBlank),
      dialect.delimiter,
    );
    linesBefore += countBreaks(raw);
    return row;
  });
}

function countBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

/** Where each field of a record starts on its first line, for error columns. */
function locateRow(fields: readonly string[], raw: string, line: number, delimiter: string): ParsedRow {
  const fieldColumns: number[] = [1];
  let inQuotes = false;
  for (let index = 0; index < raw.length && raw[index] !== '\n' && raw[index] !== '\r'; index += 1) {
    const char = raw[index];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) fieldColumns.push(index + 2);
  }
  return { fields, line, fieldColumns };
}

/** Line and column of the quote that opens a field and is never closed. */
export function unclosedQuote(text: string, delimiter = ','): { line?: number; column?: number } {
  let line = 1;
  let column = 1;
  let fieldStart = true;
  let opened: { line: number; column: number } | undefined;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (opened === undefined && fieldStart && char === '"') {
      opened = { line, column };
    } else if (opened !== undefined && char === '"') {
      if (text[index + 1] === '"') {
        index += 1;
        column += 1;
      } else {
        opened = undefined;
      }
    }
    fieldStart =
      opened === undefined && (char === delimiter || char === '\n' || (char === '\r' && text[index + 1] !== '\n'));
    if (char === '\n' || (char === '\r' && text[index + 1] !== '\n')) {
      line += 1;
      column = 1;
    } else if (char !== '\r') {
      column += 1;
    }
  }
  return opened ?? {};
}
