import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
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

const quoteFor = (delimiter: string) => (field: string): string =>
  (field.includes(delimiter) || field.includes('"') || field.includes('\n') ? `"${field.replaceAll('"', '""')}"` : field);

/** As Excel writes "CSV UTF-8" in a French or German locale: BOM, semicolons, decimal commas, CRLF. */
function asEuropeanCsv(rows: readonly string[][]): string {
  const amount = rows[0]?.indexOf('amount_eur') ?? -1;
  return `\uFEFF${rows.map((row) => row.map((field, index) => quoteFor(';')(index === amount ? field.replace('.', ',') : field)).join(';')).join('\r\n')}\r\n`;
}

function asCsv(rows: readonly string[][]): string {
  return `${rows.map((row) => row.map(quoteFor(',')).join(',')).join('\n')}\n`;
}

async function buildWith(dataset: Readonly<Record<string, string | Buffer>>): Promise<CliResult & { out: string }> {
  const content = await copySample();
  for (const [name, bytes] of Object.entries(dataset)) await writeFile(join(content, name), bytes);
  const out = await tempDir('factsheets-formats-');
  return { ...(await runCli(['build', '--content', content, '--out', out, '--jobs', '2'])), out };
}

describe('the dataset as the data team keeps it (real Chromium)', () => {
  let comma: CliResult & { out: string };
  let semicolon: CliResult & { out: string };

  beforeAll(async () => {
    const rows = await sampleRows();
    comma = await buildWith({ 'funding.csv': asCsv(rows) });
    semicolon = await buildWith({ 'funding.csv': asEuropeanCsv(rows) });
  }, 240_000);

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
    const text = (await readFile(join(await copySample(), 'funding.csv'), 'utf8')).replace('Resilience of communities', 'Résilience des communautés');
    const ansi = await buildWith({ 'funding.csv': Buffer.from(text, 'latin1') });
    expect(ansi.code).toBe(1);
    const errors = ansi.stderr.split('\n').filter((line) => line.includes('error:'));
    expect(errors[0]).toMatch(/^[^ ]*funding\.csv:3: error: the dataset is not UTF-8 text: byte 0xE9 on this line/);
    expect(ansi.stderr).toMatch(/hint: Save the dataset as UTF-8/);
    expect(ansi.stderr).not.toMatch(/font|U\+FFFD/i);
    // The other errors are the documents it fails, each pointing back at the dataset.
    for (const line of errors.slice(1)) expect(line).toMatch(/not built: its figures for .* come from .*funding\.csv, which has errors/);
  });
}, 300_000);
