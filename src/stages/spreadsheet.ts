import type { CellValue, Workbook } from 'exceljs';
import { FactsheetsError } from '../errors.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { cellReference } from './validate/csv-rows.js';
import type { ParsedRow } from '../model/sources.js';
import { checkWorkbookArchive, type WorkbookLimits } from './workbook-archive.js';
import type { SheetRows } from '../model/sources.js';

/**
 * Reads an .xlsx workbook's sheets (exceljs, loaded only when a workbook is used). Cells are
 * read as values, never as displayed text: numbers as numbers, dates as ISO dates in UTC (so
 * nothing depends on the machine's time zone), formulas by their cached result. The archive
 * is checked against the limits first (entries, sizes, rows and cells of every sheet).
 */
export async function readWorkbook(
  bytes: Buffer,
  file: string,
  limits: WorkbookLimits = DEFAULT_LIMITS,
): Promise<readonly SheetRows[]> {
  await checkWorkbookArchive(bytes, file, limits);
  const { default: ExcelJS } = await import('exceljs');
  const workbook: Workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types name an older Buffer; the bytes are what it reads.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    throw new FactsheetsError(
      `the workbook cannot be read (${error instanceof Error ? error.message : String(error)})`,
      {
        stage: 'load',
        file,
        cause: error,
        hint: 'Save the dataset from Excel or LibreOffice as an Excel workbook (.xlsx), or export it as CSV UTF-8.',
      },
    );
  }
  return workbook.worksheets.map((sheet) => {
    const rows: ParsedRow[] = [];
    const problems: FactsheetsError[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const fields: string[] = [];
      const before = problems.length;
      for (let column = 1; column <= row.cellCount; column += 1) {
        const text = cellText(row.getCell(column).value);
        if (typeof text === 'string') {
          fields.push(text);
        } else {
          fields.push('');
          problems.push(
            new FactsheetsError(`${cellReference(sheet.name, column, number)}: ${text.problem}`, {
              stage: 'validate',
              file,
              hint: text.hint,
            }),
          );
        }
      }
      while (fields.length > 0 && fields[fields.length - 1] === '') fields.pop();
      // A row with an unusable cell is reported once, at that cell: not checked again as if the cell were empty.
      const unusable = problems.length > before && rows.length > 0;
      if (fields.length > 0 && !unusable)
        rows.push({ fields, line: number, fieldColumns: fields.map((_, index) => index + 1), sheet: sheet.name });
    });
    return { name: sheet.name, rows: padToHeader(rows), problems, hidden: sheet.state !== 'visible' };
  });
}

/** Spreadsheets leave empty trailing cells out: a row shorter than the header has them empty. */
function padToHeader(rows: ParsedRow[]): ParsedRow[] {
  const width = rows[0]?.fields.length ?? 0;
  return rows.map((row) =>
    row.fields.length >= width
      ? row
      : {
          ...row,
          fields: [...row.fields, ...Array.from({ length: width - row.fields.length }, () => '')],
          fieldColumns: Array.from({ length: width }, (_, index) => index + 1),
        },
  );
}

type CellText = string | { readonly problem: string; readonly hint: string };

function cellText(value: CellValue): CellText {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('error' in value)
    return {
      problem: `the cell holds the error ${String(value.error)}`,
      hint: 'Fix the formula or the value in the workbook, then save it again.',
    };
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined) {
      return {
        problem: 'the formula has no saved result',
        hint: "Open the workbook in Excel or LibreOffice and save it, so that every formula's result is stored in the file.",
      };
    }
    return cellText(result as CellValue);
  }
  if ('text' in value) return typeof value.text === 'string' ? value.text.trim() : cellText(value.text as CellValue);
  return {
    problem: 'the cell holds a value that is not text, a number or a date',
    hint: 'Replace it with a plain value.',
  };
}
