import { createHash } from 'node:crypto';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig, type BuildOptions } from '../../src/config.js';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { fakePdf, packSheetPages, printedLabel } from '../helpers/fake-pdf.js';
import type { Printer } from '../../src/browser/printer.js';
import type { BuildReport } from '../../src/model/documents.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';
import { DATASET_HEADER } from '../helpers/sources.js';

/** A stand-in browser that records the title of every page it prints. */
function recordingPrinter(printed: string[], launches: { count: number }) {
  return async (): Promise<Printer> => {
    launches.count += 1;
    return {
      async print(html) {
        const title = /<title>(.*?)<\/title>/.exec(html)?.[1] ?? '';
        printed.push(printedLabel(html));
        return {
          // The bytes depend on the whole page, as a real PDF's do.
          bytes: fakePdf(packSheetPages(html) ?? 1, `${createHash('sha256').update(html).digest('hex')} ${title}`),
          overflowMm: 0,
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

async function project() {
  const content = await writeContent({
    'factsheet.md': '---\ntitle: Framework\ncountries: [ML]\n---\n\nText.\n',
    'countries/mali.md': onePager('Mali', 'ML'),
    'countries/niger.md': onePager('Niger', 'NE'),
    'funding.csv': `${[DATASET_HEADER, 'ML,Fund,,,2016,100,paid,', 'NE,Fund,,,2016,200,paid,'].join('\n')}\n`,
  });
  const templates = await tempDir('factsheets-templates-');
  await cp(TEMPLATES, templates, { recursive: true });
  const out = await tempDir('factsheets-out-');
  const build = async (options: BuildOptions = {}) => {
    const printed: string[] = [];
    const launches = { count: 0 };
    const report = await runPipeline(
      resolveConfig({ contentDir: content, templatesDir: templates, outDir: out, ...options }),
      {
        launchPrinter: recordingPrinter(printed, launches),
        now: () => 0,
      },
    );
    expect(report.errors).toEqual([]);
    return { printed: printed.sort(), launches: launches.count, report };
  };
  await build();
  return { content, templates, out, build };
}

/** The pack prints two sheets, cover and contents and its page numbers, and the factsheet's pack edition (without its own page numbers). */
const PACK = ['Briefing pack: Framework', 'Briefing pack: Framework (page numbers)', 'Framework (pack edition)'];

describe('incremental builds: what a change prints again', () => {
  it('nothing changed: nothing is printed and no browser starts', async () => {
    const { build } = await project();
    const again = await build();
    expect(again.printed).toEqual([]);
    expect(again.launches).toBe(0);
    // The pack is a PDF of the build too: reported unchanged, after the documents.
    expect(again.report.documents.map((document) => [document.output, document.status])).toEqual([
      ['factsheet.pdf', 'unchanged'],
      ['countries/mali.pdf', 'unchanged'],
      ['countries/niger.pdf', 'unchanged'],
      ['briefing-pack.pdf', 'unchanged'],
    ]);
  });

  it('reports every PDF once: the pack, and each print edition as a result of its own', async () => {
    const { build } = await project();
    const rows = (report: BuildReport) =>
      report.documents
        .map((document) => [document.output, document.kind, document.edition ?? 'screen', document.status].join(' '))
        .sort();
    // The screen editions are current from the first build; only the print editions are new.
    expect(rows((await build({ printEdition: true })).report)).toEqual([
      'briefing-pack.pdf briefing-pack screen unchanged',
      'countries/mali.pdf one-pager screen unchanged',
      'countries/niger.pdf one-pager screen unchanged',
      'factsheet.pdf factsheet screen unchanged',
      'print/countries/mali.pdf one-pager print built',
      'print/countries/niger.pdf one-pager print built',
      'print/factsheet.pdf factsheet print built',
    ]);
    expect(rows((await build({ printEdition: true })).report).filter((row) => !row.endsWith(' unchanged'))).toEqual([]);
  });

  it("one country's Markdown: that one-pager and the pack", async () => {
    const { build, content } = await project();
    await writeFile(join(content, 'countries/niger.md'), onePager('Niger', 'NE', 'New narrative.'));
    expect((await build()).printed).toEqual([...PACK, 'Niger: country brief'].sort());
  });

  it("one dataset row: its country's one-pager, the factsheet if it shows that country, and the pack", async () => {
    const { build, content } = await project();
    const csv = await readFile(join(content, 'funding.csv'), 'utf8');
    await writeFile(join(content, 'funding.csv'), csv.replace('NE,Fund,,,2016,200', 'NE,Fund,,,2016,250'));
    expect((await build()).printed).toEqual([...PACK, 'Niger: country brief'].sort());
    await writeFile(join(content, 'funding.csv'), csv.replace('ML,Fund,,,2016,100', 'ML,Fund,,,2016,150'));
    expect((await build()).printed).toEqual(
      [...PACK, 'Framework', 'Mali: country brief', 'Niger: country brief'].sort(),
    );
  });

  it('a template: every document that uses it, and only those (a partial one layout calls leaves the others be)', async () => {
    const { build, templates } = await project();
    const css = join(templates, 'styles/one-pager.css');
    await writeFile(css, `${await readFile(css, 'utf8')}\n.lede { color: red; }\n`);
    expect((await build()).printed).toEqual([...PACK, 'Mali: country brief', 'Niger: country brief'].sort());
    const partial = join(templates, 'partials/key-figure.hbs');
    await writeFile(partial, `${await readFile(partial, 'utf8')}\n`);
    // key-figure is the factsheet's (the one-pager sets its figures itself).
    expect((await build()).printed).toEqual([...PACK, 'Framework'].sort());
    const badge = join(templates, 'partials/sample-badge.hbs');
    await writeFile(badge, `${await readFile(badge, 'utf8')}\n`);
    expect((await build()).printed).toEqual(
      [...PACK, 'Framework', 'Mali: country brief', 'Niger: country brief'].sort(),
    );
  });

  it("what the factsheet prints in the pack alone: the factsheet, and the pack, though the factsheet's own PDF is the same", async () => {
    const { build, templates, out } = await project();
    const layout = join(templates, 'layouts/factsheet.hbs');
    const before = await readFile(join(out, 'factsheet.pdf'));
    await writeFile(
      layout,
      (await readFile(layout, 'utf8')).replace('</body>', '{{#if edition.pack}}<p>In the pack only.</p>{{/if}}</body>'),
    );
    const again = await build();
    expect(again.printed).toEqual([...PACK, 'Framework'].sort());
    expect((await readFile(join(out, 'factsheet.pdf'))).equals(before)).toBe(true);
    expect(again.report.documents.find((document) => document.output === 'briefing-pack.pdf')?.status).toBe('built');
  });

  it('--force prints everything', async () => {
    const { build } = await project();
    expect((await build({ force: true })).printed).toEqual(
      [...PACK, 'Framework', 'Mali: country brief', 'Niger: country brief'].sort(),
    );
  });

  it('a deleted document: its PDF and manifest entry are removed', async () => {
    const { build, content, out } = await project();
    await rm(join(content, 'countries/niger.md'));
    expect((await build()).printed).toEqual(PACK);
    await expect(readFile(join(out, 'countries/niger.pdf'))).rejects.toThrow(/ENOENT/);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      documents: { output: string }[];
    };
    expect(manifest.documents.map((entry) => entry.output)).toEqual([
      'briefing-pack.pdf',
      'countries/mali.pdf',
      'factsheet.pdf',
    ]);
  });

  it('a PDF deleted from the output folder is printed again', async () => {
    const { build, out } = await project();
    await rm(join(out, 'countries/mali.pdf'));
    expect((await build()).printed).toEqual(['Mali: country brief']);
  });

  it('the print edition is tracked on its own', async () => {
    const { build } = await project();
    expect((await build({ printEdition: true })).printed).toEqual([
      'Framework',
      'Mali: country brief',
      'Niger: country brief',
    ]);
    expect((await build({ printEdition: true })).printed).toEqual([]);
  });
});
