import { execFileSync } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copySample, tempDir } from '../helpers/content.js';
import { pageCount, pageText } from '../helpers/pdf.js';

/** Widths (pt) of every occurrence of each word on a page, from `pdftotext -bbox`: the type size as printed. */
function wordWidths(pdf: string, page: number, words: readonly string[]): Map<string, number[]> {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  const widths = new Map<string, number[]>(words.map((word) => [word, []]));
  for (const match of xml.matchAll(
    /<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g,
  )) {
    widths.get(match[3] ?? '')?.push(Math.round((Number(match[2]) - Number(match[1])) * 100) / 100);
  }
  return widths;
}

/** Words of the factsheet's first page, in its body text, its headings and its quotes. */
const WORDS = ['Partnership', 'Framework', 'migration', 'partners', 'countries'];

/** A copy of the sample whose factsheet tabulates `codes` (rows added for codes the dataset lacks). */
async function sampleTabulating(
  codes: readonly string[],
  names: Readonly<Record<string, string>> = {},
): Promise<string> {
  const root = await copySample();
  const csv = await readFile(join(root, 'funding.csv'), 'utf8');
  const missing = codes.filter((code) => !csv.includes(`\n${code},`));
  await appendFile(
    join(root, 'funding.csv'),
    missing
      .map(
        (code, index) =>
          `${code},EU Emergency Trust Fund for Africa,Programme ${index},,2017,${(index + 1) * 1_234_567},paid,Sample data: test\n`,
      )
      .join(''),
  );
  const factsheet = await readFile(join(root, 'factsheet.md'), 'utf8');
  await writeFile(
    join(root, 'factsheet.md'),
    factsheet.replace(/^countries: .*$/m, `countries: [${codes.join(', ')}]`),
  );
  for (const [code, name] of Object.entries(names)) {
    await writeFile(
      join(root, `countries/extra-${code.toLowerCase()}.md`),
      `---\nname: ${name}\niso: ${code}\n---\n\nA short brief.\n`,
    );
  }
  return root;
}

describe('the body type size never depends on the data (nothing is scaled to fit the page width)', () => {
  const many = [
    'ML',
    'NE',
    'NG',
    'SN',
    'ET',
    'CD',
    'ST',
    'CI',
    ...Object.keys(countries.getAlpha2Codes())
      .filter((code) => !['ML', 'NE', 'NG', 'SN', 'ET', 'CD', 'ST', 'CI'].includes(code))
      .slice(0, 32),
  ];
  const longNames = { CD: 'Democratic Republic of the Congo', ST: 'São Tomé and Príncipe' };
  let sample: string;
  let two: CliResult & { pdf: string };
  let forty: CliResult & { pdf: string };

  beforeAll(async () => {
    const build = async (content: string, only?: string): Promise<CliResult & { pdf: string }> => {
      const out = await tempDir('factsheets-type-');
      const result = await runCli([
        'build',
        '--content',
        content,
        '--out',
        out,
        '--jobs',
        '2',
        ...(only === undefined ? [] : ['--only', only]),
      ]);
      return { ...result, pdf: join(out, 'factsheet.pdf') };
    };
    const built = await Promise.all([
      build(await copySample(), 'factsheet'),
      build(await sampleTabulating(['ML', 'NE']), 'factsheet'),
      build(await sampleTabulating(many, longNames)),
    ]);
    sample = built[0].pdf;
    [, two, forty] = built;
  }, 120_000);

  it('builds the factsheet with 2 and with 40 countries', () => {
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect(forty.code, forty.stderr).toBe(0);
    expect(many).toHaveLength(40);
  });

  it('prints the same words at the same width whatever the number of countries', () => {
    const reference = wordWidths(sample, 1, WORDS);
    for (const pdf of [two.pdf, forty.pdf]) {
      const widths = wordWidths(pdf, 1, WORDS);
      for (const word of WORDS) {
        expect(reference.get(word)?.length, word).toBeGreaterThan(0);
        expect(widths.get(word), `${word} in ${pdf}`).toEqual(reference.get(word));
      }
    }
  });

  it('lists all 40 countries, long names whole, with every total', () => {
    // A long name may wrap in its column (its words on two lines, read in the PDF's own order), never be cut.
    const text = Array.from({ length: pageCount(forty.pdf) }, (_, index) => pageText(forty.pdf, index + 1)).join(' ');
    expect(text).toContain('Democratic Republic of the Congo');
    expect(text).toContain('São Tomé and Príncipe');
    expect(text).toContain('Together');
  });

  it('fails a document whose Markdown table is wider than the page, naming it, instead of shrinking the page', async () => {
    const root = await copySample();
    const columns = Array.from({ length: 90 }, (_, index) => `C${index}`);
    const table = `| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n| ${columns.map(() => '123456').join(' | ')} |\n`;
    await appendFile(join(root, 'factsheet.md'), `\n\n## A very wide table\n\n${table}`);
    const out = await tempDir('factsheets-type-');
    const result = await runCli(['build', '--content', root, '--out', out, '--only', 'factsheet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /factsheet\.md:\d+:1: error: is wider than its page: a table "C0 C1 C2 [^"]*" is \d+ mm wide where 176 mm fit/,
    );
    expect(result.stderr).toContain('hint: Give this Markdown table fewer columns, or split it in two');
  });
});
