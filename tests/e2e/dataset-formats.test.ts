import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copySample, tempDir } from '../helpers/content.js';

/** Every PDF of an output folder, by path, with its bytes. */
async function pdfs(out: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(out, { recursive: true })).filter((name) => name.endsWith('.pdf')).sort();
  return new Map(await Promise.all(names.map(async (name) => [name, await readFile(join(out, name))] as const)));
}

/** The sample's rows, one amount given cents so that the decimal separator matters. */
async function sampleRows(): Promise<string[][]> {
  const rows = parse(await readFile(join(await copySample(), 'funding.csv'), 'utf8')) as string[][];
  const first = rows[1];
  if (first === undefined) throw new Error('the sample has no rows');
  first[5] = `${first[5] ?? ''}.5`;
  return rows;
}

const quoteFor =
  (delimiter: string) =>
  (field: string): string =>
    field.includes(delimiter) || field.includes('"') || field.includes('\n')
      ? `"${field.replaceAll('"', '""')}"`
      : field;

/** As Excel writes "CSV UTF-8" in a French or German locale: BOM, semicolons, decimal commas, CRLF. */
function asEuropeanCsv(rows: readonly string[][]): string {
  const amount = rows[0]?.indexOf('amount_eur') ?? -1;
  return `\uFEFF${rows.map((row) => row.map((field, index) => quoteFor(';')(index === amount ? field.replace('.', ',') : field)).join(';')).join('\r\n')}\r\n`;
}

function asCsv(rows: readonly string[][]): string {
  return `${rows.map((row) => row.map(quoteFor(',')).join(',')).join('\n')}\n`;
}

/**
 * The rows as a workbook kept by a data team: a notes sheet first, the data on "Funding"
 * (named in the settings), numbers as numbers, one amount a formula with its cached result.
 */
async function asWorkbook(rows: readonly string[][], edit?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Notes').addRow(['Funding decisions, sample data']);
  const sheet = workbook.addWorksheet('Funding');
  const numeric = new Set(['year', 'amount_eur']);
  const header = rows[0] ?? [];
  for (const [index, row] of rows.entries()) {
    sheet.addRow(
      index === 0 ? [...row] : row.map((field, column) => (numeric.has(header[column] ?? '') ? Number(field) : field)),
    );
  }
  const amount = sheet.getCell(2, header.indexOf('amount_eur') + 1);
  amount.value = { formula: `${String(amount.value)}*1`, result: Number(amount.value) };
  edit?.(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function buildWith(
  dataset: Readonly<Record<string, string | Buffer>>,
): Promise<CliResult & { out: string; content: string }> {
  const content = await copySample();
  if ('funding.xlsx' in dataset && !('funding.csv' in dataset)) {
    await rm(join(content, 'funding.csv'));
    await appendFile(join(content, 'factsheets.yml'), 'dataset_sheet: Funding\n');
  }
  for (const [name, bytes] of Object.entries(dataset)) await writeFile(join(content, name), bytes);
  const out = await tempDir('factsheets-formats-');
  return { ...(await runCli(['build', '--content', content, '--out', out, '--jobs', '2', '--json'])), out, content };
}

describe('the dataset as the data team keeps it (real Chromium)', () => {
  type Built = CliResult & { out: string; content: string };
  let rows: string[][];
  let comma: Built;
  let semicolon: Built;
  let workbook: Built;

  beforeAll(async () => {
    rows = await sampleRows();
    [comma, semicolon, workbook] = await Promise.all([
      buildWith({ 'funding.csv': asCsv(rows) }),
      buildWith({ 'funding.csv': asEuropeanCsv(rows) }),
      buildWith({ 'funding.xlsx': await asWorkbook(rows) }),
    ]);
  }, 240_000);

  it('funding.xlsx builds byte-identical PDFs, and a saved-again workbook with the same rows rebuilds nothing', async () => {
    expect(workbook.stderr).toBe('');
    expect(workbook.code).toBe(0);
    const expected = await pdfs(comma.out);
    const actual = await pdfs(workbook.out);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    for (const [name, bytes] of expected) expect(actual.get(name)?.equals(bytes), name).toBe(true);

    // Other bytes (another sheet added), the same rows: every output is up to date.
    await writeFile(
      join(workbook.content, 'funding.xlsx'),
      await asWorkbook(rows, (sheet) => sheet.workbook.addWorksheet('Scratch').addRow(['x'])),
    );
    const again = await runCli(['build', '--content', workbook.content, '--out', workbook.out, '--json']);
    expect(again.code).toBe(0);
    expect(
      new Set((JSON.parse(again.stdout) as { documents: { status: string }[] }).documents.map((entry) => entry.status)),
    ).toEqual(new Set(['unchanged']));
  });

  it('names the sheet and cell of a bad value, and refuses both funding.csv and funding.xlsx', async () => {
    const bad = await asWorkbook(rows, (sheet) => {
      sheet.getCell('F14').value = '12,500,000';
    });
    const badBuild = await buildWith({ 'funding.xlsx': bad });
    expect(badBuild.code).toBe(1);
    const errors = (JSON.parse(badBuild.stdout) as { errors: { message: string; file: string }[] }).errors;
    expect(errors[0]).toMatchObject({
      file: expect.stringMatching(/(^|\/)funding\.xlsx$/),
      message: 'Funding!F14: column "amount_eur": "12,500,000" has thousands separators',
    });

    const both = await buildWith({ 'funding.csv': asCsv(rows), 'funding.xlsx': bad });
    expect(both.code).toBe(1);
    expect((JSON.parse(both.stdout) as { errors: { message: string }[] }).errors.map((error) => error.message)).toEqual(
      [expect.stringMatching(/has both .*funding\.csv and .*funding\.xlsx: which one is the dataset\?/)],
    );
  });

  it('a semicolon CSV with decimal commas builds byte-identical PDFs', async () => {
    expect(comma.code).toBe(0);
    expect(semicolon.stderr).toBe('');
    expect(semicolon.code).toBe(0);
    const expected = await pdfs(comma.out);
    const actual = await pdfs(semicolon.out);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    expect(expected.size).toBeGreaterThan(5);
    for (const [name, bytes] of expected) expect(actual.get(name)?.equals(bytes), name).toBe(true);
  });

  it('a dataset saved as "ANSI" is one error naming it and its line, never the fonts or a Markdown file', async () => {
    const text = (await readFile(join(await copySample(), 'funding.csv'), 'utf8')).replace(
      'Resilience of communities',
      'Résilience des communautés',
    );
    const ansi = await buildWith({ 'funding.csv': Buffer.from(text, 'latin1') });
    expect(ansi.code).toBe(1);
    const errors = (
      JSON.parse(ansi.stdout) as { errors: { message: string; file: string; line?: number; hint?: string }[] }
    ).errors;
    expect(errors[0]).toMatchObject({
      file: expect.stringMatching(/funding\.csv$/),
      line: 3,
      message: expect.stringMatching(/^the dataset is not UTF-8 text: byte 0xE9 on this line/),
    });
    expect(errors[0]?.hint).toMatch(/^Save the dataset as UTF-8/);
    expect(ansi.stdout).not.toMatch(/font|U\+FFFD/i);
    // One cause, one error: the documents it fails are failed with it, not one error each.
    expect(errors).toHaveLength(1);
    expect(
      (JSON.parse(ansi.stdout) as { documents: { status: string }[] }).documents.every(
        (document) => document.status === 'failed',
      ),
    ).toBe(true);
  });
}, 300_000);
