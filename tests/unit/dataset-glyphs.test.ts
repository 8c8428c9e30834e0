import { createHash } from 'node:crypto';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { formatError, type FactsheetsError } from '../../src/errors.js';
import type { Printer } from '../../src/browser/printer.js';
import { finishPdf } from '../../src/stages/finish.js';
import { readWorkbook } from '../../src/stages/spreadsheet.js';
import { validateWorkbook } from '../../src/stages/validate/dataset.js';
import type { Dataset, PrintedPdf, RenderJob } from '../../src/model/documents.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';
import { datasetOf, onePagerDocument } from '../helpers/documents.js';
import { onePagerText } from '../helpers/fake-build.js';
import { fakePdf } from '../helpers/fake-pdf.js';
import { DATASET_HEADER } from '../helpers/sources.js';

/** A stand-in browser whose PDF's text is the page's text, as Chromium's text layer would be: the font check reads it. */
function textPrinter() {
  return async (): Promise<Printer> => ({
    async print(html) {
      const text = html.replace(/<(style|script)\b[\s\S]*?<\/\1>/g, ' ').replace(/<[^>]*>/g, ' ');
      const title = /<title>(.*?)<\/title>/.exec(html)?.[1] ?? '';
      return {
        bytes: fakePdf(1, `${createHash('sha256').update(html).digest('hex')} ${title}`),
        overflowMm: 0,
        blockedRequests: [],
        text,
        headings: [],
      };
    },
    async close() {},
  });
}

describe('a character the fonts lack, from a dataset cell', () => {
  it("is the dataset's error at its cell (funding.csv:line:column), not the brief's; the other documents build", async () => {
    const content = await writeContent({
      'factsheets.yml': 'series: Test programme\n',
      'countries/mali.md': onePagerText('Mali', 'ML'),
      'countries/niger.md': onePagerText('Niger', 'NE'),
      // U+1F600 (an emoji) and U+0F40 (Tibetan KA): none of the default fonts draws either.
      'funding.csv': `${[DATASET_HEADER, 'NE,Fund,,,2016,200,paid,', 'ML,Fund \u{1F600},,,2016,100,paid,', 'ML,Fund,Programme \u0F40,,2017,50,paid,'].join('\n')}\n`,
    });
    const out = await tempDir();
    const report = await runPipeline(resolveConfig({ contentDir: content, templatesDir: TEMPLATES, outDir: out }), {
      launchPrinter: textPrinter(),
      now: () => 0,
    });
    const csv = join(content, 'funding.csv');
    expect(report.errors.map(formatError)).toEqual([
      `${csv}:3:4: error: column "instrument": holds characters the declared fonts lack, which countries/mali.pdf prints: "\u{1F600}" (U+1F600); so does the cell ${csv}:4:9\n` +
        `  hint: Replace them in ${csv} (or transliterate), or declare a font that has them in templates/styles/fonts.css: an @font-face rule pointing at a font file kept with the templates, ` +
        'or @import of an installed font package (declared now: Source Sans 3, Source Serif 4, Source Code Pro, Vazirmatn, Scheherazade New, Noto Sans Ethiopic).',
    ]);
    expect(report.errors[0]?.document).toBe('mali');
    expect(
      report.documents.filter((result) => result.kind === 'one-pager').map((result) => [result.name, result.status]),
    ).toEqual([
      ['mali', 'failed'],
      ['niger', 'built'],
    ]);
  });
});

describe('datasetGlyphs through finishPdf', () => {
  const coverage = {
    any: new Set([...'MaliFundProgramme ЖJ'].map((c) => c.codePointAt(0) ?? 0)),
    all: new Set([...'Mali'].map((c) => c.codePointAt(0) ?? 0)),
    postscriptNames: ['SourceSans3-Bold'],
    declaredIn: ['templates/styles/fonts.css'],
    families: ['Source Sans 3'],
  };
  const jobOf = (body = ''): RenderJob => ({
    document: onePagerDocument('mali', 'name: Mali\niso: ML', body),
    kind: 'one-pager',
    layout: 'one-pager',
    lang: 'en',
    outputPath: 'countries/mali.pdf',
    view: {},
    maxPages: 1,
    info: { title: 'Mali: country brief', keywords: [], creator: 'factsheets' },
  });
  const printed = (text: string): PrintedPdf => ({
    bytes: fakePdf(1, 'Mali', ['ABCDEF+SourceSans3-Bold']),
    overflowMm: 0,
    blockedRequests: [],
    text,
    headings: [],
  });
  const failure = (job: RenderJob, text: string, dataset: Dataset): FactsheetsError => {
    try {
      finishPdf(job, printed(text), new Date(0), coverage, { dataset });
    } catch (error) {
      return error as FactsheetsError;
    }
    throw new Error('finishPdf passed');
  };

  it("names a workbook's sheet and cell, as the dataset's other errors do", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Funding');
    sheet.addRow(['country', 'instrument', 'programme', 'year', 'amount_eur', 'status']);
    sheet.addRow(['ML', 'Fund', 'Programme \u0F40', 2016, 10, 'paid']);
    const [read] = await readWorkbook(Buffer.from(await workbook.xlsx.writeBuffer()), 'funding.xlsx');
    const { dataset, errors } = validateWorkbook(
      { displayPath: 'funding.xlsx', sheets: read === undefined ? [] : [read] },
      undefined,
    );
    expect(errors).toEqual([]);
    const error = failure(jobOf(), 'Mali Fund Programme \u0F40', dataset);
    expect(formatError(error).split('\n')[0]).toBe(
      'funding.xlsx: error: Funding!C2: column "programme": holds characters the declared fonts lack, which countries/mali.pdf prints: "\u0F40" (U+0F40)',
    );
    expect([error.file, error.line, error.column]).toEqual(['funding.xlsx', undefined, undefined]);
  });

  it('leaves to the brief a character that is in both, naming the cell as well', () => {
    const dataset = datasetOf('ML,Fund \u{1F600},,,2016,100,paid,');
    const both = failure(jobOf('Smile \u{1F600}.'), 'Mali Fund \u{1F600}', dataset);
    expect([both.file, both.message]).toEqual([
      'content/countries/mali.md',
      'uses characters the declared fonts lack: "\u{1F600}" (U+1F600) ' +
        '(and content/funding.csv:2:4: column "instrument": holds characters the declared fonts lack, which countries/mali.pdf prints: "\u{1F600}" (U+1F600))',
    ]);
  });

  it("names the brief's characters at the brief, and the cell's too when there are both", () => {
    const dataset = datasetOf('ML,Fund \u{1F600},,,2016,100,paid,');
    const mixed = failure(jobOf('Жизнь.'), 'Mali Жизнь Fund \u{1F600}', dataset);
    expect(mixed.file).toBe('content/countries/mali.md');
    expect(mixed.message).toBe(
      'uses characters the declared fonts lack: "и" (U+0438) in "Жизнь", "з" (U+0437) in "Жизнь", "н" (U+043D) in "Жизнь", "ь" (U+044C) in "Жизнь" ' +
        '(and content/funding.csv:2:4: column "instrument": holds characters the declared fonts lack, which countries/mali.pdf prints: "\u{1F600}" (U+1F600))',
    );
  });

  it("does not blame another country's row", () => {
    const dataset = datasetOf('NE,Fund \u{1F600},,,2016,100,paid,', 'ML,Fund,,,2016,100,paid,');
    expect(failure(jobOf(), 'Mali Fund \u{1F600}', dataset).file).toBe('content/countries/mali.md');
  });
});
