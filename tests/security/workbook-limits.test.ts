import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { DEFAULT_LIMITS, resolveLimits } from '../../src/limits.js';
import { readWorkbook } from '../../src/stages/spreadsheet.js';
import { validateWorkbook } from '../../src/stages/validate/dataset.js';
import { tempDir } from '../helpers/content.js';
import { runGuarded, smallProject } from '../helpers/small-project.js';
import { DATASET_HEADER } from '../helpers/sources.js';

/** A workbook whose first sheet holds `rows` under the dataset header, and more sheets after it. */
async function workbook(
  rows: readonly (readonly ExcelJS.CellValue[])[],
  more: { name: string; rows: number; columns: number; state?: 'hidden' | 'visible' }[] = [],
  first: 'visible' | 'hidden' = 'visible',
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Funding', { state: first });
  sheet.addRow(DATASET_HEADER.split(','));
  for (const row of rows) sheet.addRow([...row]);
  for (const extra of more) {
    const other = book.addWorksheet(extra.name, { state: extra.state ?? 'hidden' });
    for (let row = 0; row < extra.rows; row += 1)
      other.addRow(Array.from({ length: extra.columns }, (_, column) => row * extra.columns + column));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const ROW = ['ML', 'Fund', 'Jobs', '', 2016, 100, 'paid', 'Sample data'];

describe('funding.xlsx is checked against the limits before it is loaded', () => {
  it('a hidden sheet past the row limit: one error naming the file, the sheet and the limit', async () => {
    const bytes = await workbook([ROW], [{ name: 'Archive', rows: 60, columns: 2 }]);
    await expect(readWorkbook(bytes, 'content/funding.xlsx', resolveLimits({ datasetRows: 50 }))).rejects.toMatchObject(
      {
        file: 'content/funding.xlsx',
        message:
          'sheet "Archive" has more than 51 rows; a dataset may have at most 50 rows and its header (the datasetRows limit)',
        hint: 'Delete the sheets, rows and columns the dataset does not need (or export it as CSV UTF-8), or raise the datasetRows limit.',
      },
    );
  });

  it('cells of every sheet together past the cell limit', async () => {
    const bytes = await workbook([ROW], [{ name: 'Wide', rows: 20, columns: 30 }]);
    await expect(
      readWorkbook(bytes, 'content/funding.xlsx', resolveLimits({ workbookCells: 500 })),
    ).rejects.toMatchObject({
      message: 'sheet "Wide" brings the workbook past 500 cells (the workbookCells limit), counting every sheet',
    });
  });

  it('too many files in the archive, and too many bytes unpacked', async () => {
    const bytes = await workbook([ROW]);
    await expect(
      readWorkbook(bytes, 'content/funding.xlsx', resolveLimits({ workbookEntries: 3 })),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /^the workbook holds \d+ files; a workbook may hold at most 3 \(the workbookEntries limit\)$/,
      ),
    });
    await expect(
      readWorkbook(bytes, 'content/funding.xlsx', resolveLimits({ workbookBytes: 1024 })),
    ).rejects.toMatchObject({
      message: expect.stringMatching(
        /^the workbook unpacks to [\d.]+ KB; it may unpack to at most 1 KB \(the workbookBytes limit\)$/,
      ),
    });
  });

  it('a workbook within the limits reads as before', async () => {
    const sheets = await readWorkbook(
      await workbook([ROW], [{ name: 'Notes', rows: 3, columns: 2 }]),
      'content/funding.xlsx',
      DEFAULT_LIMITS,
    );
    expect(sheets.map((sheet) => [sheet.name, sheet.rows.length, sheet.hidden])).toEqual([
      ['Funding', 2, false],
      ['Notes', 3, true],
    ]);
  });

  it('the build: a small workbook whose hidden sheet holds 2.4 million cells fails at once, naming the sheet and the limit', async () => {
    const content = await smallProject();
    const rows = parse(await readFile(join(content, 'funding.csv'), 'utf8')) as string[][];
    await rm(join(content, 'funding.csv'));
    const bytes = await workbook(rows.slice(1), [{ name: 'Archive', rows: 1, columns: 1 }]);
    // The hidden sheet made large by hand (exceljs would take minutes): 150,000 rows of 16 cells, about 3 MB packed.
    await writeFile(
      join(content, 'funding.xlsx'),
      await withSheet(bytes, 'xl/worksheets/sheet2.xml', bigSheet(150_000, 16)),
    );
    const out = await tempDir('factsheets-out-');
    const result = await runGuarded(['build', '--content', content, '--out', out], 120_000);
    expect(result.hung).toBe(false);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(content, 'funding.xlsx')}: error: sheet "Archive" brings the workbook past 2,000,000 cells (the workbookCells limit), counting every sheet`,
    );
  }, 150_000);
});

describe('which sheet is the dataset, and one error per cell', () => {
  it('a hidden first sheet is not the dataset: the first visible one is', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('Old', { state: 'hidden' }).addRow(['not', 'the', 'dataset']);
    const data = book.addWorksheet('Funding');
    data.addRow(DATASET_HEADER.split(','));
    data.addRow(ROW);
    const sheets = await readWorkbook(Buffer.from(await book.xlsx.writeBuffer()), 'funding.xlsx');
    const result = validateWorkbook({ displayPath: 'funding.xlsx', sheets }, undefined);
    expect(result.errors).toEqual([]);
    expect(result.dataset.records.map((record) => record.country)).toEqual(['ML']);
  });

  it('a formula without a saved value is one error, not a second one calling the cell empty', async () => {
    const bytes = await workbook([['ML', 'Fund', '', '', 2016, { formula: 'Z99' }, 'paid']]);
    const sheets = await readWorkbook(bytes, 'funding.xlsx');
    const result = validateWorkbook({ displayPath: 'funding.xlsx', sheets }, undefined);
    expect(result.errors.map((error) => formatError(error).split('\n')[0])).toEqual([
      'funding.xlsx: error: Funding!F2: the formula has no saved result',
    ]);
  });
});

/** `rows` rows of `columns` number cells, as a worksheet's XML. */
function bigSheet(rows: number, columns: number): Buffer {
  const letters = Array.from({ length: columns }, (_, index) => String.fromCharCode(65 + index));
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  ];
  for (let row = 1; row <= rows; row += 1)
    parts.push(`<row r="${row}">${letters.map((letter) => `<c r="${letter}${row}"><v>1</v></c>`).join('')}</row>`);
  parts.push('</sheetData></worksheet>');
  return Buffer.from(parts.join(''));
}

/** The workbook with one entry's content replaced (jszip comes with exceljs). */
async function withSheet(bytes: Buffer, entry: string, content: Buffer): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  zip.file(entry, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
