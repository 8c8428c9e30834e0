import { FactsheetsError } from '../../errors.js';
import { describeCharacter } from '../../fonts/coverage.js';
import { DEFAULT_LIMITS, type Limits } from '../../limits.js';
import type { BuildWarning, Dataset, FundingRecord, FundingStatus, SourceFile } from '../../model/documents.js';
import { misreadCells } from './mojibake.js';
import { cellProblems, ErrorsByKind } from './dataset-errors.js';
import { isCountryCode } from './country-code.js';
import type { LoadedWorkbook } from '../../model/sources.js';
import { cellReference, COMMA_DIALECT, detectDialect, parseRows, unclosedQuote, type CsvDialect } from './csv-rows.js';
import type { ParsedRow } from '../../model/sources.js';
import { cellPrefix, checkHeader, DATASET_COLUMNS, located, REQUIRED_COLUMNS, type Column } from './dataset-header.js';

export { DATASET_COLUMNS } from './dataset-header.js';

export const FUNDING_STATUSES: readonly FundingStatus[] = ['committed', 'contracted', 'paid'];
const ALL_COUNTRIES = '*';

export interface DatasetResult {
  readonly dataset: Dataset;
  readonly errors: readonly FactsheetsError[];
  /** Worth a word, not wrong: cells whose text looks misread (UTF-8 read as Windows-1252). */
  readonly warnings?: readonly BuildWarning[];
}

/**
 * Parses and checks `funding.csv`. Every bad row is reported (collect, then fail); valid rows
 * are kept, and the countries of bad rows are marked so that their documents fail too.
 */
export function validateDataset(source: SourceFile, limits: Limits = DEFAULT_LIMITS): DatasetResult {
  const file = source.displayPath;
  if (source.refused !== undefined) return unusable(file, source.refused);
  let rows: ParsedRow[];
  const dialect = detectDialect(source.text);
  try {
    rows = parseRows(source.text, dialect);
  } catch (error) {
    return unusable(file, csvSyntaxError(file, source.text, error, dialect));
  }
  return validateRows(file, rows, dialect, limits);
}

/**
 * Checks the dataset's rows, from a CSV file or a spreadsheet's sheet (which gives the rows
 * with their cells). The first row is the header.
 */
export function validateRows(
  file: string,
  rows: readonly ParsedRow[],
  dialect: CsvDialect,
  limits: Limits = DEFAULT_LIMITS,
): DatasetResult {
  const [header, ...body] = rows;
  if (header === undefined) {
    return unusable(
      file,
      new FactsheetsError('the dataset is empty', {
        stage: 'validate',
        file,
        line: 1,
        hint: `Start the file with a header row: ${DATASET_COLUMNS.join(',')}`,
      }),
    );
  }

  const headerErrors = checkHeader(file, header);
  if (headerErrors.length > 0) {
    return { dataset: freezeDataset(file, [], new Set([ALL_COUNTRIES])), errors: headerErrors };
  }

  if (body.length > limits.datasetRows) {
    return unusable(
      file,
      new FactsheetsError(
        `${cellPrefix(body[limits.datasetRows] ?? header)}the dataset may have at most ${limits.datasetRows.toLocaleString('en')} rows; this one has ${body.length.toLocaleString('en')}`,
        {
          ...located(file, body[limits.datasetRows] ?? header),
          hint: 'Split the dataset, or raise the datasetRows limit.',
        },
      ),
    );
  }

  const columns = header.fields as readonly Column[];
  const records: FundingRecord[] = [];
  const cells = new Map<FundingRecord, Readonly<Record<string, number>>>();
  const tainted = new Set<string>();
  const errors = new ErrorsByKind(file);
  for (const row of body) {
    const result = checkRow(file, columns, row, limits.datasetCellChars, dialect);
    if ('record' in result) {
      records.push(result.record);
      cells.set(
        result.record,
        Object.freeze(
          Object.fromEntries(
            columns.flatMap((column, index) =>
              row.fieldColumns[index] === undefined ? [] : [[column, row.fieldColumns[index]]],
            ),
          ),
        ),
      );
    } else {
      // Every bad row taints its country; the first of each kind are enough to show what is wrong.
      for (const [index, error] of result.errors.entries()) errors.add(error, result.kinds[index] ?? 'row');
      tainted.add(result.country ?? ALL_COUNTRIES);
    }
  }
  const warnings = misreadCells(file, columns, body);
  return {
    dataset: freezeDataset(file, records, tainted, sheetOf(header, columns), cells),
    errors: errors.all(),
    ...(warnings.length === 0 ? {} : { warnings }),
  };
}

/** A workbook's sheet and its country column, for naming rows by cell. */
function sheetOf(header: ParsedRow, columns: readonly Column[]): Dataset['sheet'] {
  const column = header.fieldColumns[columns.indexOf('country')];
  return header.sheet === undefined || column === undefined ? undefined : { name: header.sheet, countryColumn: column };
}

/** Where a dataset's row is, for messages: `funding.csv:12`, or the row's country cell (`funding.xlsx: Funding!A12`). */
export function rowPlace(dataset: Dataset, line: number): string {
  return dataset.sheet === undefined
    ? `${dataset.file}:${line}`
    : `${dataset.file}: ${cellReference(dataset.sheet.name, dataset.sheet.countryColumn, line)}`;
}

/**
 * Checks `funding.xlsx`: the named sheet (settings: dataset_sheet) or the first, with the same
 * header and columns as the CSV; every problem names its cell (`funding.xlsx: Funding!F14: …`).
 */
export function validateWorkbook(
  workbook: LoadedWorkbook,
  sheetName: string | undefined,
  limits: Limits = DEFAULT_LIMITS,
): DatasetResult {
  const file = workbook.displayPath;
  if (workbook.refused !== undefined) return unusable(file, workbook.refused);
  const sheet =
    sheetName === undefined
      ? workbook.sheets.find((candidate) => !candidate.hidden)
      : workbook.sheets.find((candidate) => candidate.name === sheetName);
  if (sheet === undefined) {
    const names = workbook.sheets.map((candidate) => `"${candidate.name}"`).join(', ');
    return unusable(
      file,
      new FactsheetsError(
        sheetName === undefined
          ? 'the workbook has no visible sheet'
          : `the workbook has no sheet "${sheetName}" (its sheets: ${names || 'none'})`,
        {
          stage: 'validate',
          file,
          hint:
            sheetName === undefined
              ? "Put the dataset on the workbook's first visible sheet, or name its sheet with dataset_sheet in factsheets.yml."
              : 'Correct dataset_sheet in factsheets.yml, or remove it to use the first sheet.',
        },
      ),
    );
  }
  const result = validateRows(file, sheet.rows, COMMA_DIALECT, limits);
  if (sheet.problems.length === 0) return result;
  // A cell whose value cannot be read could be any country's: every document waits for it.
  return {
    ...result,
    dataset: freezeDataset(
      file,
      [...result.dataset.records],
      new Set([ALL_COUNTRIES]),
      result.dataset.sheet,
      result.dataset.cells,
    ),
    errors: [...cellProblems(file, sheet.problems), ...result.errors],
  };
}

type RowResult =
  | { readonly record: FundingRecord }
  | { readonly errors: FactsheetsError[]; readonly kinds: readonly string[]; readonly country: string | undefined };

function checkRow(
  file: string,
  columns: readonly Column[],
  row: ParsedRow,
  maxCellChars: number,
  dialect: CsvDialect,
): RowResult {
  if (row.fields.length !== columns.length) {
    return {
      errors: [
        new FactsheetsError(
          `${cellPrefix(row)}row has ${row.fields.length} ${row.fields.length === 1 ? 'field' : 'fields'} but the header has ${columns.length}`,
          {
            ...located(file, row, 0),
            hint:
              row.sheet !== undefined
                ? "Remove the values to the right of the header's last column, or give them a column."
                : dialect.delimiter === ','
                  ? 'Check for a missing or extra comma; quote values that contain commas ("Jobs, growth").'
                  : 'Check for a missing or extra semicolon; quote values that contain semicolons ("Jobs; growth").',
          },
        ),
      ],
      kinds: ['width'],
      country: countryOf(columns, row),
    };
  }

  const errors: FactsheetsError[] = [];
  const kinds: Column[] = [];
  const values = new Map<Column, string>();
  for (const [index, column] of columns.entries()) values.set(column, row.fields[index] ?? '');
  const fail = (column: Column, message: string, hint: string): undefined => {
    const index = columns.indexOf(column);
    errors.push(
      new FactsheetsError(`${cellPrefix(row, index)}column "${column}": ${message}`, {
        ...located(file, row, index),
        hint,
      }),
    );
    kinds.push(column);
    return undefined;
  };
  const value = (column: Column): string => values.get(column) ?? '';

  for (const column of REQUIRED_COLUMNS) {
    if (value(column) === '') fail(column, 'is empty', `Every row needs a value for "${column}".`);
  }
  for (const column of columns) {
    const length = value(column).length;
    if (length > maxCellChars) {
      fail(
        column,
        `a cell may hold at most ${maxCellChars} characters; this one has ${length}`,
        'Shorten the value, or raise the datasetCellChars limit.',
      );
      values.set(column, '');
    }
  }
  for (const column of columns) {
    const privateUse = PRIVATE_USE.exec(value(column))?.[0];
    if (privateUse !== undefined) {
      fail(
        column,
        `${describeCharacter(privateUse)} is a private-use character, which no font is sure to print`,
        'Replace it with the character meant (text pasted from a symbol font or a PDF often holds one), or remove it.',
      );
    }
  }
  const country = checkCountry(value('country'), fail);
  const year = checkYear(value('year'), fail);
  const amountEur = checkAmount(value('amount_eur'), fail, dialect);
  const status = checkStatus(value('status'), fail);

  if (
    errors.length > 0 ||
    country === undefined ||
    year === undefined ||
    amountEur === undefined ||
    status === undefined
  ) {
    return { errors, kinds, country: country ?? countryOf(columns, row) };
  }
  return {
    record: Object.freeze({
      country,
      instrument: value('instrument'),
      ...optional('programme', value('programme')),
      ...optional('sector', value('sector')),
      year,
      amountEur,
      status,
      ...optional('source', value('source')),
      line: row.line,
    }),
  };
}

/** Private-use code points: their meaning is a font's own, and the brand fonts draw none. */
const PRIVATE_USE = /\p{Co}/u;

type Fail = (column: Column, message: string, hint: string) => undefined;

function checkCountry(text: string, fail: Fail): string | undefined {
  if (text === '') return undefined;
  if (isCountryCode(text)) return text;
  return fail(
    'country',
    `"${text}" is not an ISO 3166-1 alpha-2 country code`,
    "Use the two-letter code in capitals, e.g. ML for Mali, CI for Côte d'Ivoire.",
  );
}

function checkYear(text: string, fail: Fail): number | undefined {
  if (text === '') return undefined;
  const year = /^\d{4}$/.test(text) ? Number(text) : Number.NaN;
  if (year >= 2000 && year <= 2100) return year;
  return fail(
    'year',
    `"${text}" is not a year between 2000 and 2100`,
    'Write the year of the decision as four digits, e.g. 2017.',
  );
}

function checkAmount(text: string, fail: Fail, dialect: CsvDialect): number | undefined {
  if (text === '') return undefined;
  const plain = dialect.decimal === '.' ? /^\d+(\.\d+)?$/ : /^\d+(,\d+)?$/;
  if (plain.test(text)) {
    const amount = Number(text.replace(',', '.'));
    // Past this, euros are no longer counted exactly (and 309 digits and up read as Infinity).
    if (amount <= Number.MAX_SAFE_INTEGER) return amount;
    return fail(
      'amount_eur',
      `${text.length > 24 ? `${text.slice(0, 20)}… (${text.length} digits)` : text} is too large`,
      `Amounts must be below ${Number.MAX_SAFE_INTEGER.toLocaleString('en')} euros; check for a missing decimal point or a pasted value.`,
    );
  }
  if (/^-\s*\d+(\.\d+)?$/.test(text)) {
    return fail('amount_eur', `${text} is negative`, 'Amounts must be zero or more, in euros.');
  }
  const example =
    dialect.decimal === '.' ? '12500000 or 12500000.50' : '12500000 or 12500000,50 (this file uses decimal commas)';
  if (/[€$£¥]|\b(?:EUR|USD|GBP)\b/i.test(text)) {
    return fail(
      'amount_eur',
      `"${text}" has a currency sign`,
      `Write the amount as digits only, e.g. ${example}: format the column as a plain number (not Currency) before exporting.`,
    );
  }
  if (/^\d{1,3}(?:[.,\u00a0\u202f' ]\d{3})+(?:[.,]\d+)?$/.test(text)) {
    return fail(
      'amount_eur',
      `"${text}" has thousands separators`,
      `Write the amount without separators, e.g. ${example}: format the column as a plain number without "Use 1000 separator" before exporting.`,
    );
  }
  return fail(
    'amount_eur',
    `"${text}" is not a number`,
    `Write the amount in euros as digits with optional decimals, without a currency sign or thousands separators, e.g. ${dialect.decimal === '.' ? '12500000' : example}.`,
  );
}

function checkStatus(text: string, fail: Fail): FundingStatus | undefined {
  if (text === '') return undefined;
  const status = FUNDING_STATUSES.find((known) => known === text);
  if (status !== undefined) return status;
  return fail('status', `"${text}" is not a known status`, `Use one of: ${FUNDING_STATUSES.join(', ')}.`);
}

/** The row's country when it can be read, so that its documents fail with it. */
function countryOf(columns: readonly Column[], row: ParsedRow): string | undefined {
  const text = row.fields[columns.indexOf('country')];
  return text !== undefined && isCountryCode(text) ? text : undefined;
}

function optional<K extends string>(key: K, text: string): { [P in K]?: string } {
  return (text === '' ? {} : { [key]: text }) as { [P in K]?: string };
}

function unusable(file: string, error: FactsheetsError): DatasetResult {
  return { dataset: freezeDataset(file, [], new Set([ALL_COUNTRIES])), errors: [error] };
}

function freezeDataset(
  file: string,
  records: FundingRecord[],
  tainted: Set<string>,
  sheet?: Dataset['sheet'],
  cells?: Dataset['cells'],
): Dataset {
  return Object.freeze({
    file,
    records: Object.freeze(records),
    taintedCountries: tainted,
    ...(sheet === undefined ? {} : { sheet: Object.freeze(sheet) }),
    ...(cells === undefined ? {} : { cells }),
  });
}

function csvSyntaxError(file: string, text: string, error: unknown, dialect: CsvDialect): FactsheetsError {
  const details = error as { message?: string; lines?: number; code?: string };
  const reason = (details.message ?? String(error)).replace(
    /:? (?:at|the parsing is finished with an opening quote at) line \d+.*$/,
    '',
  );
  // csv-parse reports where parsing stopped; for an unclosed quote, where it opened is what to fix.
  const lineCount = text.split(/\r?\n/).length;
  const position =
    details.code === 'CSV_QUOTE_NOT_CLOSED'
      ? unclosedQuote(text, dialect.delimiter)
      : typeof details.lines === 'number'
        ? { line: Math.min(details.lines, lineCount) }
        : {};
  return new FactsheetsError(`the CSV cannot be read: ${reason}`, {
    stage: 'validate',
    file,
    ...position,
    hint: 'A value with commas, quotes or line breaks must be in double quotes, and a quote inside it doubled ("").',
    cause: error,
  });
}

/** True when no country's rows can be trusted: the dataset cannot be read, or a bad row belongs to no known country. */
export function isWhollyTainted(dataset: Dataset): boolean {
  return dataset.taintedCountries.has(ALL_COUNTRIES);
}

/** True when the dataset cannot be trusted for this country (a bad row, or an unattributable one). */
export function isTainted(dataset: Dataset, country: string): boolean {
  return dataset.taintedCountries.has(country) || dataset.taintedCountries.has(ALL_COUNTRIES);
}
