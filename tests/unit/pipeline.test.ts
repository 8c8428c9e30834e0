import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { formatError } from '../../src/errors.js';
import { runPipeline, type PipelineDeps } from '../../src/pipeline/pipeline.js';
import { BuildCache } from '../../src/pipeline/cache.js';
import type { Printer, PrinterOptions } from '../../src/browser/printer.js';
import { DATASET_HEADER } from '../helpers/sources.js';
import { fakePdf, packSheetPages } from '../helpers/fake-pdf.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';

/** Stands in for Chromium: a one-page PDF, or two pages when the HTML contains "OVERFLOW". */
function fakePrinter(log: { launched: number; printed: string[] }, fail?: string): PipelineDeps['launchPrinter'] {
  return async (_options: PrinterOptions): Promise<Printer> => {
    log.launched += 1;
    return {
      async print(html) {
        const title = /<title>(.*?)<\/title>/.exec(html)?.[1] ?? '';
        if (fail !== undefined && html.includes(fail)) throw new Error('Target closed');
        log.printed.push(title);
        const pages = packSheetPages(html) ?? (html.includes('OVERFLOW') ? 2 : 1);
        return {
          bytes: fakePdf(pages, title),
          overflowMm: pages > 1 ? 12 : -40,
          blockedRequests: [],
          text: title,
          headings: [],
        };
      },
      async close() {},
    };
  };
}

const onePager = (name: string, iso: string, body = 'Narrative.') =>
  `---\nname: ${name}\niso: ${iso}\n---\n\n${body}\n`;
const rows = (...lines: string[]) => `${[DATASET_HEADER, ...lines].join('\n')}\n`;

async function build(files: Record<string, string>, options: { only?: string[]; fail?: string } = {}) {
  const content = await writeContent(files);
  const out = await tempDir('factsheets-out-');
  const log = { launched: 0, printed: [] as string[] };
  const config = resolveConfig({
    contentDir: content,
    templatesDir: TEMPLATES,
    outDir: out,
    ...(options.only ? { only: options.only } : {}),
  });
  const report = await runPipeline(config, { launchPrinter: fakePrinter(log, options.fail), now: () => 0 });
  return { report, out, log, content, errors: report.errors.map(formatError) };
}

const GOOD = {
  'factsheet.md': '---\ntitle: Framework\ncountries: [ML]\n---\n\nTotal {{money countries.total}}.\n',
  'countries/mali.md': onePager('Mali', 'ML', 'Mali has {{money funding.total}}.'),
  'countries/niger.md': onePager('Niger', 'NE'),
  'funding.csv': rows('ML,Trust Fund,Jobs,,2016,36500000,paid,Sample data: x', 'NE,Trust Fund,,,2016,25000000,paid,'),
};

describe('runPipeline', () => {
  it('builds every document into the output folder', async () => {
    const { report, out, log } = await build(GOOD);
    expect(report.errors).toEqual([]);
    expect(report.documents.map((d) => [d.name, d.status, d.output, d.pages])).toEqual(
      expect.arrayContaining([
        ['factsheet', 'built', 'factsheet.pdf', 1],
        ['mali', 'built', 'countries/mali.pdf', 1],
        ['niger', 'built', 'countries/niger.pdf', 1],
      ]),
    );
    expect(log.launched).toBe(1);
    expect(await readFile(join(out, 'countries/mali.pdf'), 'utf8')).toContain('Mali: country brief');
  });

  it('reports every bad input in one run and still builds the documents whose inputs are valid', async () => {
    const { report, errors, log, content } = await build({
      ...GOOD,
      'countries/senegal.md': '---\nname: Senegal\n---\n',
      'countries/ghana.md': '---js\n{}\n---\n',
      'funding.csv': rows(
        'ML,Trust Fund,,,2016,100,paid,',
        'NE,Trust Fund,,,2016,-1,paid,',
        'ML,Trust Fund,,,2016,5,maybe,',
      ),
    });
    const csv = `${content}/funding.csv`;
    expect(errors.map((error) => error.split('\n')[0])).toEqual([
      `${content}/countries/ghana.md:1:4: error: front matter in "js" is not accepted: only YAML front matter is`,
      `${content}/countries/senegal.md:1:1: error: missing required field "iso"`,
      `${csv}:3:22: error: column "amount_eur": -1 is negative`,
      `${csv}:4:24: error: column "status": "maybe" is not a known status`,
      // One cause, one error: the documents the dataset's errors stop are named together.
      `${csv}: error: not built: factsheet, mali and niger, whose figures for ML, NE come from ${csv}, which has errors`,
    ]);
    expect(report.documents.every((document) => document.status === 'failed')).toBe(true);
    expect(report.documents).toHaveLength(5);
    expect(log.launched).toBe(0);
  });

  it('builds the others when one document fails to render or print', async () => {
    const { report, errors } = await build(
      {
        ...GOOD,
        'countries/niger.md': onePager('Niger', 'NE', 'Total {{money funding.totl}}.'),
        'countries/mali.md': onePager('Mali', 'ML', 'PRINTFAIL'),
      },
      { fail: 'PRINTFAIL' },
    );
    expect(errors).toEqual([
      expect.stringMatching(
        /countries\/niger\.md:6:7: error: one-pager niger: "funding.totl" is not defined here \(money expects a number, got undefined\)/,
      ),
      expect.stringMatching(/error: one-pager mali: Target closed/),
    ]);
    expect(report.documents.find((d) => d.name === 'factsheet')?.status).toBe('built');
  });

  it('fails an overflowing one-pager and leaves its previous PDF untouched', async () => {
    const content = { ...GOOD, 'countries/mali.md': onePager('Mali', 'ML', 'OVERFLOW') };
    const { out } = await build(GOOD);
    const rebuilt = await build(content);
    expect(rebuilt.errors[0]).toMatch(
      /countries\/mali\.md: error: does not fit on one page: it prints on 2 pages, overflowing by 12 mm/,
    );
    // A separate output folder per build: seed this one with an old PDF and rebuild into it.
    await mkdir(join(rebuilt.out, 'countries'), { recursive: true });
    await writeFile(join(rebuilt.out, 'countries/mali.pdf'), 'previous');
    const again = await runPipeline(
      resolveConfig({ contentDir: await writeContent(content), templatesDir: TEMPLATES, outDir: rebuilt.out }),
      { launchPrinter: fakePrinter({ launched: 0, printed: [] }), now: () => 0 },
    );
    expect(again.documents.find((d) => d.name === 'mali')?.status).toBe('failed');
    expect(await readFile(join(rebuilt.out, 'countries/mali.pdf'), 'utf8')).toBe('previous');
    expect(await readFile(join(out, 'countries/mali.pdf'), 'utf8')).toContain('Mali');
  });

  it('builds only the documents named by --only', async () => {
    const { report, log } = await build(GOOD, { only: ['mali'] });
    expect(report.documents.map((d) => d.name)).toEqual(['mali']);
    expect(log.printed).toEqual(['Mali: country brief']);
  });

  it('rejects unknown --only names as a command-line error', async () => {
    const { errors, report, log } = await build(GOOD, { only: ['mali', 'atlantis'] });
    expect(errors).toEqual([
      'error: --only names a document that does not exist: atlantis\n  hint: Known documents: factsheet, mali, niger (a name takes all its editions; add a language, e.g. mali.fr or mali.en, for one).',
    ]);
    expect(report.errors[0]?.stage).toBe('cli');
    expect(log.launched).toBe(0);
  });

  it('names a failed edition in the project language by the path the build writes it to', async () => {
    // In a French project, mali.fr.md is written to countries/mali.pdf (no fr/ folder): so is its failure named.
    const { report } = await build({
      'factsheets.yml': 'language: fr\n',
      'funding.csv': GOOD['funding.csv'],
      'countries/niger.md': GOOD['countries/niger.md'],
      'countries/mali.fr.md': '---\nname: Mali\niso: 12\n---\n\nTexte.\n',
    });
    expect(report.documents.find((d) => d.name === 'mali.fr')).toMatchObject({
      status: 'failed',
      output: 'countries/mali.pdf',
    });
  });

  it('reports a missing dataset and fails the documents that need it', async () => {
    const { errors } = await build({ 'countries/mali.md': onePager('Mali', 'ML') });
    expect(errors[0]).toBe(
      'funding.csv: error: the content folder has no dataset (funding.csv or funding.xlsx)\n' +
        "  hint: Add the funding dataset as funding.csv or funding.xlsx next to the Markdown files (factsheets' docs/dataset.md lists its columns).",
    );
    // The documents it fails are failed with it, not one error each.
    expect(errors).toHaveLength(1);
  });

  it('reports a missing content folder without a stack trace', async () => {
    const out = await tempDir();
    const report = await runPipeline(
      resolveConfig({ contentDir: join(out, 'nope'), templatesDir: TEMPLATES, outDir: out }),
    );
    expect(report.errors.map(formatError)[0]).toMatch(
      /nope: error: there is no content folder here\n  hint: Start one with "factsheets init" .*, or pass --content DIR/,
    );
  });

  it('reports a step that throws as one error of its stage, and still answers with a report', async () => {
    const content = await writeContent(GOOD);
    const out = await tempDir('factsheets-out-');
    const cache = new BuildCache();
    // A fault no step expects: the validation memo breaks while the dataset is read.
    cache.validation.dataset = () => {
      throw new Error('the memo broke');
    };
    const log = { launched: 0, printed: [] as string[] };
    const config = resolveConfig({ contentDir: content, templatesDir: TEMPLATES, outDir: out });
    const report = await runPipeline(config, { launchPrinter: fakePrinter(log), now: () => 0, cache });
    expect(report.errors.map((error) => [error.stage, error.message])).toEqual([['validate', 'the memo broke']]);
    expect(log.launched).toBe(0);
  });

  it('reserves the name of the briefing pack', async () => {
    const { errors } = await build({ ...GOOD, 'briefing-pack.md': '---\ntitle: Mine\n---\n' });
    expect(
      errors.some((error) => /briefing-pack\.md: error: "briefing-pack" is reserved for the briefing pack/.test(error)),
    ).toBe(true);
  });

  it('rejects two documents with the same name', async () => {
    const { errors } = await build({ ...GOOD, 'mali.md': '---\ntitle: Mali factsheet\n---\n' });
    expect(
      errors.some((error) => /countries\/mali\.md: error: another document is also named "mali"/.test(error)),
    ).toBe(true);
  });
});
