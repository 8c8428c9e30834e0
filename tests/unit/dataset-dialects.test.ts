import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { firstInvalidUtf8, lineOfOffset } from '../../src/stages/encoding.js';
import { loadSources } from '../../src/stages/load.js';
import { validateDataset } from '../../src/stages/validate/dataset.js';
import { tempDir, TEMPLATES } from '../helpers/content.js';
import { DATASET_HEADER, source } from '../helpers/sources.js';

const read = (text: string) => validateDataset(source('content/funding.csv', text));
const messages = (text: string) => read(text).errors.map(formatError);

const COMMA = `${DATASET_HEADER}\nML,Trust Fund,"Jobs; growth",,2016,36500000.5,contracted,Sample data\nNE,EDF,,,2017,70000000,paid,\n`;
/** The same rows as a French or German Excel exports them: semicolons, decimal commas, CRLF, a BOM. */
const SEMICOLON = `\uFEFF${DATASET_HEADER.replaceAll(',', ';')}\r\nML;Trust Fund;"Jobs; growth";;2016;36500000,5;contracted;Sample data\r\nNE;EDF;;;2017;70000000;paid;\r\n`;

describe('the dataset as spreadsheet programs export it', () => {
  it('reads the semicolon dialect with decimal commas into the same records', () => {
    const comma = read(COMMA);
    const semicolon = read(SEMICOLON);
    expect(comma.errors).toEqual([]);
    expect(semicolon.errors).toEqual([]);
    expect(semicolon.dataset.records).toEqual(comma.dataset.records);
    expect(semicolon.dataset.records[0]?.amountEur).toBe(36_500_000.5);
  });

  it('names the cell of an amount with thousands separators or a currency sign, with the fix', () => {
    expect(messages(`${DATASET_HEADER}\nML,Fund,,,2016,"12,500,000",paid,\n`)).toEqual([
      'content/funding.csv:2:16: error: column "amount_eur": "12,500,000" has thousands separators\n' +
        '  hint: Write the amount without separators, e.g. 12500000 or 12500000.50: format the column as a plain number without "Use 1000 separator" before exporting.',
    ]);
    expect(messages(`${DATASET_HEADER.replaceAll(',', ';')}\nML;Fund;;;2016;12.500.000,00;paid;\n`)[0]).toMatch(
      /^content\/funding\.csv:2:16: error: column "amount_eur": "12\.500\.000,00" has thousands separators\n  hint: .*12500000,50 \(this file uses decimal commas\)/,
    );
    expect(
      messages(`${DATASET_HEADER}\nML,Fund,,,2016,€12500000,paid,\nML,Fund,,,2016,12500000 EUR,paid,\n`).map(
        (message) => message.split('\n')[0],
      ),
    ).toEqual([
      'content/funding.csv:2:16: error: column "amount_eur": "€12500000" has a currency sign',
      'content/funding.csv:3:16: error: column "amount_eur": "12500000 EUR" has a currency sign',
    ]);
  });

  it('a point in a semicolon file is not taken for a decimal point', () => {
    expect(read(`${DATASET_HEADER.replaceAll(',', ';')}\nML;Fund;;;2016;1.5;paid;\n`).dataset.records).toEqual([]);
  });
});

describe('a dataset that is not UTF-8', () => {
  it('finds the first bad byte', () => {
    expect(firstInvalidUtf8(Buffer.from('Côte d’Ivoire', 'utf8'))).toBeUndefined();
    const latin1 = Buffer.from('country\nCI,C\xf4te\n', 'latin1');
    expect(firstInvalidUtf8(latin1)).toBe(12);
    expect(lineOfOffset(latin1, 12)).toBe(2);
    expect(firstInvalidUtf8(Buffer.from('ab\xe9', 'latin1'))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(1);
  });

  it('is one error naming the dataset, the line and how to save UTF-8', async () => {
    const content = await tempDir('factsheets-ansi-');
    await mkdir(join(content, 'countries'));
    await writeFile(
      join(content, 'funding.csv'),
      Buffer.from(`${DATASET_HEADER}\nML,Fund,,,2016,100,paid,\nCI,Fonds,C\xf4te,,2016,100,paid,\n`, 'latin1'),
    );
    const sources = await loadSources(content, TEMPLATES);
    expect(sources.dataset?.refused).toBeDefined();
    const errors = validateDataset(sources.dataset ?? source('x', '')).errors.map(formatError);
    expect(errors).toEqual([
      expect.stringMatching(
        /funding\.csv:3: error: the dataset is not UTF-8 text: byte 0xF4 on this line is not valid UTF-8 .*\n  hint: Save the dataset as UTF-8: in Excel, "Save as" › "CSV UTF-8/,
      ),
    ]);
  });
});
