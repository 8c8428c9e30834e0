import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { readWorkbook } from '../../src/stages/spreadsheet.js';
import { validateWorkbook } from '../../src/stages/validate/dataset.js';
import { DATASET_HEADER } from '../helpers/sources.js';

async function workbookOf(fill: (sheet: ExcelJS.Worksheet) => void, name = 'Funding'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(name);
  sheet.addRow(DATASET_HEADER.split(','));
  fill(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('reading funding.xlsx', () => {
  it('reads values, not displayed text: numbers, formulas by their cached result, rich text; empty trailing cells', async () => {
    const bytes = await workbookOf((sheet) => {
      sheet.addRow([
        'ML',
        { richText: [{ text: 'Trust ' }, { text: 'Fund' }] },
        'Jobs',
        '',
        2016,
        { formula: 'B1*2', result: 36500000.5 },
        'paid',
      ]);
      sheet.getCell('F2').numFmt = '#,##0 "€"';
      sheet.addRow(['NE', 'EDF', '', '', 2017, 70000000, 'contracted', 'Sample data']);
    });
    const [sheet] = await readWorkbook(bytes, 'funding.xlsx');
    expect(sheet?.rows.map((row) => row.fields)).toEqual([
      DATASET_HEADER.split(','),
      ['ML', 'Trust Fund', 'Jobs', '', '2016', '36500000.5', 'paid', ''],
      ['NE', 'EDF', '', '', '2017', '70000000', 'contracted', 'Sample data'],
    ]);
    const result = validateWorkbook(
      { displayPath: 'funding.xlsx', sheets: sheet === undefined ? [] : [sheet] },
      undefined,
    );
    expect(result.errors).toEqual([]);
    expect(result.dataset.records.map((record) => record.amountEur)).toEqual([36500000.5, 70000000]);
  });

  it('reads a date as an ISO date in UTC, whatever the time zone', async () => {
    const bytes = await workbookOf((sheet) => {
      sheet.addRow(['ML', 'Fund', new Date(Date.UTC(2016, 0, 1)), '', 2016, 100, 'paid']);
    });
    const [sheet] = await readWorkbook(bytes, 'funding.xlsx');
    expect(sheet?.rows[1]?.fields[2]).toBe('2016-01-01');
  });

  it('names the sheet and cell of every problem', async () => {
    const bytes = await workbookOf((sheet) => {
      sheet.addRow(['ML', 'Fund', '', '', 2016, '€100', 'paid']);
      sheet.addRow(['ML', 'Fund', '', '', 2016, { formula: 'Z99' }, 'paid']);
      sheet.addRow(['ML', 'Fund', '', '', 2016, { error: '#N/A' }, 'paid']);
    }, 'Data 2024');
    const sheets = await readWorkbook(bytes, 'funding.xlsx');
    const result = validateWorkbook({ displayPath: 'funding.xlsx', sheets }, undefined);
    expect(result.errors.map((error) => formatError(error).split('\n')[0])).toEqual([
      "funding.xlsx: error: 'Data 2024'!F3: the formula has no saved result",
      "funding.xlsx: error: 'Data 2024'!F4: the cell holds the error #N/A",
      'funding.xlsx: error: \'Data 2024\'!F2: column "amount_eur": "€100" has a currency sign',
    ]);
    expect(
      validateWorkbook({ displayPath: 'funding.xlsx', sheets }, 'Funding').errors.map((error) => error.message),
    ).toEqual(['the workbook has no sheet "Funding" (its sheets: "Data 2024")']);
  });
});

describe('characters in a workbook cell', () => {
  it("a private-use character is an error at its cell (Sheet1!C2), not the brief's", async () => {
    const bytes = await workbookOf((sheet) => {
      sheet.addRow(['ML', 'Fund', 'Jobs \uE001', '', 2016, 100, 'paid']);
    }, 'Sheet1');
    const [sheet] = await readWorkbook(bytes, 'funding.xlsx');
    const result = validateWorkbook(
      { displayPath: 'funding.xlsx', sheets: sheet === undefined ? [] : [sheet] },
      undefined,
    );
    expect(result.errors.map(formatError)).toEqual([
      'funding.xlsx: error: Sheet1!C2: column "programme": "\uE001" (U+E001) is a private-use character, which no font is sure to print\n' +
        '  hint: Replace it with the character meant (text pasted from a symbol font or a PDF often holds one), or remove it.',
    ]);
  });
});
