import { execFileSync } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import { beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browser/find.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copyEnglishSample, tempDir, TEMPLATES } from '../helpers/content.js';
import { pageCount, pageText } from '../helpers/pdf.js';

const ONE_PAGERS = [
  'cote-d-ivoire',
  'ethiopia',
  'ghana',
  'guinea',
  'mali',
  'morocco',
  'niger',
  'nigeria',
  'senegal',
].map((name) => `countries/${name}.pdf`);
const PACK = 'briefing-pack.pdf';

interface ReviewedPage {
  page: number;
  change: string;
  differentPixels: number;
  shows?: { output: string; page: number };
}
interface ReviewedDocument {
  output: string;
  status: string;
  changedPages: ReviewedPage[];
  causes: {
    kind: string;
    summary: string;
    file?: string;
    diff?: { unified: string; changedLines: number[] };
    files?: { file: string; change: string }[];
  }[];
  unexplained: string[];
}
interface ReviewJson {
  summary: Record<string, number>;
  documents: ReviewedDocument[];
  pagesRendered: number;
}

/** The approved build: the sample content and a copy of the templates, built once. */
let content: string;
let templates: string;
let approved: string;

beforeAll(async () => {
  content = await copyEnglishSample();
  templates = await tempDir('factsheets-templates-');
  await cp(TEMPLATES, templates, { recursive: true });
  approved = await tempDir('factsheets-approved-');
  const built = await runCli(['build', '--content', content, '--templates', templates, '--out', approved, '--quiet']);
  expect(built.code, built.stderr).toBe(0);
}, 180_000);

/** A copy of the content and templates with one change, and an output folder that starts as the approved build (as an incremental CI build would). */
async function changedInputs(
  change: (folders: { content: string; templates: string }) => Promise<void>,
): Promise<{ content: string; templates: string; out: string }> {
  const folders = {
    content: await tempDir('factsheets-content-'),
    templates: await tempDir('factsheets-templates-'),
    out: await tempDir('factsheets-review-'),
  };
  await cp(content, folders.content, { recursive: true });
  await cp(templates, folders.templates, { recursive: true });
  await cp(approved, folders.out, { recursive: true });
  await change(folders);
  return folders;
}

async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  expect(text, `${file} holds "${from}"`).toContain(from);
  await writeFile(file, text.replace(from, to));
}

async function review(
  folders: { content: string; templates: string; out: string },
  against = approved,
  extra: string[] = [],
): Promise<{ result: CliResult; json: ReviewJson }> {
  const result = await runCli([
    'review',
    '--against',
    against,
    '--content',
    folders.content,
    '--templates',
    folders.templates,
    '--out',
    folders.out,
    '--json',
    ...extra,
  ]);
  expect(result.code === 0 || result.code === 3, result.stderr).toBe(true);
  return { result, json: JSON.parse(result.stdout) as ReviewJson };
}

function changedOutputs(json: ReviewJson): string[] {
  return json.documents
    .filter((document) => document.status !== 'unchanged')
    .map((document) => document.output)
    .sort();
}

function documentOf(json: ReviewJson, output: string): ReviewedDocument {
  const found = json.documents.find((document) => document.output === output);
  if (found === undefined) throw new Error(`${output} is not in the review`);
  return found;
}

/** A page's words with their boxes, and its fonts (subset prefixes dropped), as poppler reads them. */
function pageLayout(path: string, page: number): string {
  const range = ['-f', String(page), '-l', String(page)];
  const words = execFileSync('pdftotext', ['-bbox', ...range, path, '-'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('<word'));
  const fonts = execFileSync('pdffonts', [...range, path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .map((line) => line.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, ''));
  return `${pageText(path, page)}\n${words.join('\n')}\n${fonts.sort().join(',')}`;
}

/** The pages whose words, their positions or their fonts differ between two PDFs, read with poppler (independently of the review). */
function pagesWithOtherLayout(before: string, after: string): number[] {
  const pages: number[] = [];
  for (let page = 1; page <= Math.max(pageCount(before), pageCount(after)); page += 1) {
    if (pageLayout(before, page) !== pageLayout(after, page)) pages.push(page);
  }
  return pages;
}

/** The pack pages that trace to a document page (the others are its own: cover, contents, or its page numbers). */
function tracedPages(pack: ReviewedDocument): { output: string; page: number }[] {
  return pack.changedPages.flatMap((page) => (page.shows === undefined ? [] : [page.shows]));
}

describe('factsheets review against an approved build (real Chromium, real PDFs)', () => {
  it('reports no change for an identical rebuild from scratch, and again for a second one', async () => {
    const out = await tempDir('factsheets-rebuild-');
    for (const run of [1, 2]) {
      const { result, json } = await review({ content, templates, out });
      expect(result.code, `run ${run}`).toBe(0);
      expect(json.summary, `run ${run}`).toEqual({ unchanged: 11, changed: 0, added: 0, removed: 0 });
      expect(json.pagesRendered).toBe(0);
    }
  }, 180_000);

  it('finds one digit changed in one dataset row on exactly the pages that show it, and names the row', async () => {
    const folders = await changedInputs(({ content: dir }) =>
      edit(join(dir, 'funding.csv'), ',2016,36500000,contracted,', ',2016,36600000,contracted,'),
    );
    const { result, json } = await review(folders);
    expect(result.code).toBe(3);
    expect(changedOutputs(json)).toEqual([PACK, 'countries/mali.pdf', 'factsheet.pdf']);
    for (const output of ['countries/mali.pdf', 'factsheet.pdf', PACK]) {
      const document = documentOf(json, output);
      expect(
        document.changedPages.map((page) => page.page),
        output,
      ).toEqual(pagesWithOtherLayout(join(approved, output), join(folders.out, output)));
      expect(document.changedPages.length, output).toBeGreaterThan(0);
      expect(document.causes.map((cause) => cause.summary).join('\n'), output).toContain(
        'funding.csv: row ML · Jobs and skills for young people in the regions of return · 2016 (line 2): amount €36,500,000 → €36,600,000',
      );
    }
    expect(documentOf(json, 'countries/mali.pdf').changedPages.map((page) => page.page)).toEqual([1]);
    const factsheetPages = documentOf(json, 'factsheet.pdf').changedPages.map((page) => page.page);
    expect(tracedPages(documentOf(json, PACK))).toEqual([
      ...factsheetPages.map((page) => ({ output: 'factsheet.pdf', page })),
      { output: 'countries/mali.pdf', page: 1 },
    ]);
    for (const cause of documentOf(json, 'countries/mali.pdf').causes) expect(cause.kind).toBe('dataset');
  }, 180_000);

  it('finds a changed Markdown sentence on its one-pager and in the pack, with a unified diff of the source', async () => {
    const before = 'For years the town of Agadez has been the hub of the journey north across the Sahara.';
    const after = 'For decades the town of Agadez has been the hub of the journey north across the Sahara.';
    const folders = await changedInputs(({ content: dir }) => edit(join(dir, 'countries/niger.md'), before, after));
    const { result, json } = await review(folders);
    expect(result.code).toBe(3);
    expect(changedOutputs(json)).toEqual([PACK, 'countries/niger.pdf']);
    const niger = documentOf(json, 'countries/niger.pdf');
    expect(niger.changedPages.map((page) => page.page)).toEqual([1]);
    expect(niger.causes.map((cause) => cause.kind)).toEqual(['source']);
    expect(niger.causes[0]?.diff?.changedLines).toEqual([12]);
    expect(niger.causes[0]?.diff?.unified).toContain(`-${before}\n+${after}\n`);
    const pack = documentOf(json, PACK);
    expect(pack.changedPages.map((page) => page.page)).toEqual(
      pagesWithOtherLayout(join(approved, PACK), join(folders.out, PACK)),
    );
    expect(tracedPages(pack)).toEqual([{ output: 'countries/niger.pdf', page: 1 }]);
  }, 180_000);

  it('finds a changed style rule on every one-pager and names the style sheet, leaving the factsheet unchanged', async () => {
    const folders = await changedInputs(({ templates: dir }) =>
      edit(join(dir, 'styles/one-pager.css'), 'background: #f7f9fc;', 'background: #eef3fa;'),
    );
    const { result, json } = await review(folders);
    expect(result.code).toBe(3);
    expect(changedOutputs(json)).toEqual([PACK, ...ONE_PAGERS].sort());
    for (const output of ONE_PAGERS) {
      const document = documentOf(json, output);
      expect(
        document.changedPages.map((page) => page.page),
        output,
      ).toEqual([1]);
      expect(document.causes, output).toEqual([
        {
          kind: 'templates',
          summary: 'templates: styles/one-pager.css changed',
          files: [{ file: 'styles/one-pager.css', change: 'changed' }],
        },
      ]);
    }
    const pack = documentOf(json, PACK);
    expect(
      tracedPages(pack)
        .map((shown) => shown.output)
        .sort(),
    ).toEqual(ONE_PAGERS);
    // The one-pagers follow the cover, one contents page and the factsheet; a background colour leaves the words where they were.
    const firstOnePager = 3 + pageCount(join(folders.out, 'factsheet.pdf'));
    const onePagerPages = ONE_PAGERS.map((_, index) => firstOnePager + index);
    const expected = [
      ...new Set([...onePagerPages, ...pagesWithOtherLayout(join(approved, PACK), join(folders.out, PACK))]),
    ].sort((a, b) => a - b);
    expect(pack.changedPages.map((page) => page.page)).toEqual(expected);
  }, 180_000);

  it('still compares pages against a folder from an older version without a review record, and says what it cannot explain', async () => {
    const older = await tempDir('factsheets-older-');
    await cp(approved, older, { recursive: true });
    await rm(join(older, 'manifest.review.json'));
    const folders = await changedInputs(({ content: dir }) =>
      edit(join(dir, 'funding.csv'), ',2016,36500000,contracted,', ',2016,36600000,contracted,'),
    );
    const { result, json } = await review(folders, older);
    expect(result.code).toBe(3);
    const mali = documentOf(json, 'countries/mali.pdf');
    expect(mali.changedPages.map((page) => page.page)).toEqual([1]);
    expect(mali.causes).toEqual([]);
    expect(mali.unexplained).toEqual([
      expect.stringMatching(
        /^the dataset rows it uses changed, but the approved folder has no review record \(manifest\.review\.json/,
      ),
    ]);
  }, 180_000);

  it('writes an HTML report that Chromium opens, showing the approved page, the new page and the differences', async () => {
    const folders = await changedInputs(({ content: dir }) =>
      edit(join(dir, 'funding.csv'), ',2016,36500000,contracted,', ',2016,36600000,contracted,'),
    );
    const report = await tempDir('factsheets-report-');
    const { result } = await review(folders, approved, ['--report', report]);
    expect(result.code).toBe(3);
    const markdown = await readFile(join(report, 'summary.md'), 'utf8');
    expect(markdown).toContain('| `countries/mali.pdf` | changed | page 1 |');
    const browser = await puppeteer.launch({
      executablePath: findBrowser(undefined, () => undefined),
      args: ['--no-sandbox'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(report, 'index.html')}`, { waitUntil: 'load' });
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('section.document')].map((section) => ({
          output: section.getAttribute('data-output'),
          text: section.textContent ?? '',
          pages: [...section.querySelectorAll('.page')].map((figures) =>
            [...figures.querySelectorAll('img')].map((image) => ({ role: image.className, width: image.naturalWidth })),
          ),
        })),
      );
      expect(shown.map((section) => section.output).sort()).toEqual([PACK, 'countries/mali.pdf', 'factsheet.pdf']);
      const mali = shown.find((section) => section.output === 'countries/mali.pdf');
      expect(mali?.text).toContain('€36,500,000 → €36,600,000');
      expect(mali?.pages).toHaveLength(1);
      // The pack's page of Mali's brief points to that page's pictures instead of repeating them (or has its own, if it was rendered).
      const pack = shown.find((section) => section.output === PACK);
      expect(
        pack?.text.includes('The same change as countries/mali.pdf page 1') === true || (pack?.pages.length ?? 0) > 0,
      ).toBe(true);
      for (const section of shown) {
        for (const images of section.pages) {
          expect(images.map((image) => image.role)).toEqual(['approved', 'current', 'highlight']);
          for (const image of images) expect(image.width, `${section.output} ${image.role}`).toBeGreaterThan(500);
        }
      }
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('exits 1 naming the folder when the approved folder has no manifest, and 2 without --against', async () => {
    const empty = await tempDir('factsheets-empty-');
    const missing = await runCli([
      'review',
      '--against',
      empty,
      '--content',
      content,
      '--templates',
      templates,
      '--out',
      approved,
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `${join(empty, 'manifest.json')}: error: the approved folder has no readable manifest.json`,
    );
    const usage = await runCli(['review', '--out', approved]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--against DIR is required');
  }, 180_000);
});
