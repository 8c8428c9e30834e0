import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir, writeContent } from '../helpers/content.js';
import { pageCount, pdfText } from '../helpers/pdf.js';
import { formatMoney } from '../../src/stages/render/handlebars/format.js';
import { generateContent, type GeneratedContent } from '../helpers/realistic-content.js';

/** Enough to meet every size the generator makes, few enough for one build in well under 40 s on two cores. */
const COUNT = 200;
const SEED = 20_171_006;

interface JsonFit {
  readonly step: string;
  readonly stepIndex: number;
  readonly roomMm: number;
  readonly roomLines: number;
  readonly bodyPt: number;
  readonly lines?: { readonly shown: number; readonly leftOut: number };
}
interface JsonDocument {
  readonly name: string;
  readonly status: string;
  readonly output: string;
  readonly pages?: number;
  readonly fit?: JsonFit;
}
interface JsonError {
  readonly document?: string;
  readonly message: string;
  readonly hint?: string;
}
interface JsonReport {
  readonly documents: JsonDocument[];
  readonly errors: JsonError[];
  readonly notes: { document?: string; message: string }[];
}

/** A brief with some 500 words of prose more than its generated self, for a country of its own (the same figures). */
const OVERLONG = 'zz-overlong';
const OVERLONG_ISO = 'ZW';
function overlong(country: GeneratedContent['countries'][number] | undefined): string {
  const markdown = (country?.markdown ?? '').replace(`iso: ${country?.iso ?? ''}\n`, `iso: ${OVERLONG_ISO}\n`);
  const paragraph =
    'Cooperation pairs short-term help with long-term development: it backs jobs and training in the regions people leave, helps returning migrants restart their lives, and strengthens the communities that host them.';
  return `${markdown.trimEnd()}\n\n${Array.from({ length: 16 }, () => paragraph).join('\n\n')}\n`;
}

/** Removes the last `count` words of the body's prose (its closing sentences), keeping the front matter. */
function cutWords(markdown: string, count: number): string {
  const end = markdown.indexOf('\n---\n', 4) + 5;
  const paragraphs = markdown.slice(end).trimEnd().split('\n\n');
  let left = count;
  while (left > 0 && paragraphs.length > 0) {
    const last = (paragraphs.pop() ?? '').split(' ');
    if (last.length > left && !/^[#>|-]/.test(last[0] ?? '')) {
      paragraphs.push(`${last.slice(0, last.length - left).join(' ')}.`);
      left = 0;
    } else {
      left -= last.length;
    }
  }
  return `${markdown.slice(0, end)}${paragraphs.join('\n\n')}\n`;
}

describe(`${COUNT} generated one-pagers of realistic size, through real Chromium in one build`, () => {
  let content: GeneratedContent;
  let folder: string;
  let out: string;
  let result: CliResult;
  let report: JsonReport;

  beforeAll(async () => {
    content = generateContent(SEED, COUNT);
    folder = await writeContent({
      'funding.csv': `${content.csv.trimEnd()}\n${(content.countries[5]?.rows ?? []).map((row) => `${OVERLONG_ISO}${row.slice(2)}`).join('\n')}\n`,
      ...Object.fromEntries(content.countries.map((country) => [`countries/${country.name}.md`, country.markdown])),
      // Far beyond any brief's size: its prose cannot fit even at the floor, whatever the data.
      [`countries/${OVERLONG}.md`]: overlong(content.countries[5]),
    });
    out = await tempDir('factsheets-fit-');
    result = await runCli(['build', '--content', folder, '--out', out, '--jobs', '2', '--json']);
    report = JSON.parse(result.stdout) as JsonReport;
  }, 120_000);

  it('covers the sizes the generator promises', () => {
    const rowCounts = content.countries.map((country) => country.rows.length);
    expect(Math.min(...rowCounts)).toBe(1);
    expect(Math.max(...rowCounts)).toBeGreaterThan(200);
    expect(Math.max(...content.countries.map((country) => country.proseWords))).toBeGreaterThan(300);
  });

  it('prints every one-pager on exactly one page, or fails only with a measured words-to-cut hint', () => {
    expect(report.documents).toHaveLength(COUNT + 1);
    const failed = report.documents.filter((document) => document.status !== 'built');
    expect(failed.map((document) => document.name)).toContain(OVERLONG);
    for (const document of report.documents.filter((each) => each.status === 'built')) {
      expect(document.pages, document.name).toBe(1);
      expect(pageCount(join(out, document.output)), document.name).toBe(1);
    }
    for (const document of failed) {
      const errors = report.errors.filter((error) => error.document === document.name);
      expect(errors, document.name).toHaveLength(1);
      expect(errors[0]?.message).toMatch(
        /^does not fit on one page even at its densest step \("dense", 9 pt body text, 3 funding lines\)/,
      );
      expect(errors[0]?.hint).toMatch(/^Cut about \d+ words of the (narrative|summary)/);
      // A writer is never told to change the data.
      expect(errors[0]?.hint).not.toMatch(/dataset|row|data\b/i);
    }
    // Realistic briefs nearly always fit: failures are the exception, not the rule.
    expect(failed.length - 1).toBeLessThanOrEqual(COUNT / 20);
  });

  it("records each page's fit step and space budget in --json and manifest.json, and notes denser or tight pages", async () => {
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      documents: { output: string; fit?: JsonFit }[];
    };
    const built = report.documents.filter((document) => document.status === 'built');
    for (const document of built) {
      expect(document.fit, document.name).toBeDefined();
      expect(manifest.documents.find((entry) => entry.output === document.output)?.fit).toEqual(document.fit);
      const fit = document.fit as JsonFit;
      // The sheet stops 1 mm short of the page's foot: a page that printed on one page used at most that.
      expect(fit.roomMm, document.name).toBeGreaterThan(-1);
      expect(fit.bodyPt).toBeGreaterThanOrEqual(9);
      expect(['design', 'compact', 'dense']).toContain(fit.step);
      expect(fit.lines?.shown ?? 0).toBeGreaterThanOrEqual(
        Math.min(3, content.countries.find((country) => country.name === document.name)?.rows.length ?? 0),
      );
      const noted = report.notes.some((note) => note.document === document.name);
      expect(noted, document.name).toBe(fit.step !== 'design' || fit.roomLines < 2);
    }
    // The generator's sizes need every step somewhere: the sequence is really used.
    expect(new Set(built.map((document) => document.fit?.step))).toEqual(new Set(['design', 'compact', 'dense']));
  });

  it('says on the page how many lines the table leaves out, and their total (summed here from the CSV)', () => {
    const cut = report.documents.filter((document) => (document.fit?.lines?.leftOut ?? 0) > 30);
    expect(cut.length).toBeGreaterThan(0);
    for (const document of cut.slice(0, 5)) {
      const rows = content.countries.find((country) => country.name === document.name)?.rows ?? [];
      const amounts = rows.map((row) => Number(row.split(',').at(-3))).sort((a, b) => b - a);
      const shown = document.fit?.lines?.shown ?? 0;
      const rest = amounts.slice(shown).reduce((sum, amount) => sum + amount, 0);
      const text = pdfText(join(out, document.output));
      expect(text).toContain(`and ${amounts.length - shown} more lines`);
      expect(text).toContain(formatMoney(rest));
    }
  });

  it('picks the same step and the same bytes for the same inputs, and the same step for the print edition', async () => {
    const stepped = report.documents
      .filter((document) => document.fit !== undefined && document.fit.step !== 'design')
      .slice(0, 6);
    const before = await Promise.all(stepped.map((document) => readFile(join(out, document.output))));
    const again = await runCli([
      'build',
      '--content',
      folder,
      '--out',
      out,
      '--only',
      stepped.map((document) => document.name).join(','),
      '--force',
      '--print',
      '--json',
    ]);
    const rebuilt = JSON.parse(again.stdout) as JsonReport;
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      documents: { output: string; fit?: JsonFit }[];
    };
    for (const [index, document] of stepped.entries()) {
      expect(rebuilt.documents.find((each) => each.name === document.name)?.fit).toEqual(document.fit);
      expect((await readFile(join(out, document.output))).equals(before[index] ?? Buffer.alloc(0))).toBe(true);
      // The print edition, laid out at its own page width, shows what the screen edition shows.
      const print = manifest.documents.find((entry) => entry.output === `print/${document.output}`)?.fit;
      expect({ step: print?.step, lines: print?.lines }).toEqual({
        step: document.fit?.step,
        lines: document.fit?.lines,
      });
    }
  });

  it('measures the words to cut: a failed brief cut by that many words prints on one page', async () => {
    const failures = report.errors.filter(
      (error) => error.document !== undefined && /densest step/.test(error.message),
    );
    expect(failures.map((failure) => failure.document)).toContain(OVERLONG);
    for (const failure of failures) {
      const markdown =
        failure.document === OVERLONG
          ? overlong(content.countries[5])
          : content.countries.find((each) => each.name === failure.document)?.markdown;
      const words = Number(/Cut about (\d+) words of the narrative/.exec(failure.hint ?? '')?.[1] ?? 0);
      expect(words).toBeGreaterThan(0);
      await writeFile(join(folder, `countries/${failure.document}.md`), cutWords(markdown ?? '', words));
    }
    const again = await runCli([
      'build',
      '--content',
      folder,
      '--out',
      out,
      '--only',
      failures.map((failure) => failure.document).join(','),
      '--json',
    ]);
    const rebuilt = JSON.parse(again.stdout) as JsonReport;
    expect(rebuilt.errors).toEqual([]);
    for (const document of rebuilt.documents) expect(pageCount(join(out, document.output))).toBe(1);
  });
});
