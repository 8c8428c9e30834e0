import { createHash } from 'node:crypto';
import { cp } from 'node:fs/promises';
import { resolveConfig, type BuildOptions } from '../../src/config.js';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import type { BuildCache } from '../../src/pipeline/cache.js';
import type { Printer } from '../../src/browser/printer.js';
import type { BuildReport } from '../../src/model/documents.js';
import { fakePdf, packSheetPages, printedLabel } from './fake-pdf.js';
import { TEMPLATES, tempDir, writeContent } from './content.js';
import { DATASET_HEADER } from './sources.js';

/** A stand-in browser: the bytes it "prints" depend on the whole page, as a real PDF's do. */
export function fakePrinter(printed: string[] = [], fail?: (title: string) => boolean) {
  return async (): Promise<Printer> => ({
    async print(html) {
      const title = /<title>(.*?)<\/title>/.exec(html)?.[1] ?? '';
      if (fail?.(title) === true) throw new Error('the browser crashed');
      printed.push(printedLabel(html));
      return {
        bytes: fakePdf(packSheetPages(html) ?? 1, `${createHash('sha256').update(html).digest('hex')} ${title}`),
        overflowMm: 0,
        blockedRequests: [],
        text: title,
        headings: [],
      };
    },
    async close() {},
  });
}

export const onePagerText = (name: string, iso: string, body = 'Narrative.') =>
  `---\nname: ${name}\niso: ${iso}\n---\n\n${body}\n`;

/** A small project (a factsheet, two briefs, settings) with its own templates and output folder. */
export async function smallProject(files: Readonly<Record<string, string>> = {}) {
  const content = await writeContent({
    'factsheets.yml': 'series: Test programme\n',
    'factsheet.md': '---\ntitle: Framework\ncountries: [ML, NE]\n---\n\nText.\n',
    'countries/mali.md': onePagerText('Mali', 'ML'),
    'countries/niger.md': onePagerText('Niger', 'NE'),
    'funding.csv': `${[DATASET_HEADER, 'ML,Fund,,,2016,100,paid,', 'NE,Fund,,,2016,200,paid,'].join('\n')}\n`,
    ...files,
  });
  const templates = await tempDir('factsheets-templates-');
  await cp(TEMPLATES, templates, { recursive: true });
  const out = await tempDir('factsheets-out-');
  const buildInto = async (
    outDir: string,
    options: BuildOptions,
    fail?: (title: string) => boolean,
    cache?: BuildCache,
  ): Promise<{ report: BuildReport; printed: string[]; out: string }> => {
    const printed: string[] = [];
    const report = await runPipeline(
      resolveConfig({ contentDir: content, templatesDir: templates, outDir, ...options }),
      {
        launchPrinter: fakePrinter(printed, fail),
        now: () => 0,
        ...(cache === undefined ? {} : { cache }),
      },
    );
    return { report, printed: printed.sort(), out: outDir };
  };
  const build = (options: BuildOptions = {}, fail?: (title: string) => boolean) => buildInto(out, options, fail);
  /** A build as watch mode and the preview make it: with the cache they keep from one save to the next. */
  const watchBuild = (cache: BuildCache, options: BuildOptions = {}) => buildInto(out, options, undefined, cache);
  /** The same inputs built into a new, empty folder. */
  const cleanBuild = async (options: BuildOptions = {}) => buildInto(await tempDir('factsheets-clean-'), options);
  return { content, templates, out, build, watchBuild, cleanBuild };
}
