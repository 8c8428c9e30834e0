import { expect } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { runPipeline, type PipelineDeps } from '../../src/pipeline/pipeline.js';
import { BuildCache } from '../../src/pipeline/cache.js';
import type { BuildReport } from '../../src/model/documents.js';
import { tempDir } from './content.js';
import { applyEdit, initialModel, materialise, modelFolders, outputsOf, type Edit, type Model } from './edit-model.js';
import { differences, filesOf } from './output-folder.js';

/** How a property run prints: the stand-in printer, or the real browser. */
export type PrinterFactory = PipelineDeps['launchPrinter'];

/**
 * One run of the property: the model's folder built, then each edit followed by an incremental
 * build, checked against a clean build of the same inputs into an empty folder (see checkStep).
 * Incremental builds keep one cache from build to build, as watch mode does.
 */
export async function runEdits(
  edits: readonly Edit[],
  launchPrinter: PrinterFactory,
  options: { sharedCache: boolean },
): Promise<void> {
  const folders = await modelFolders();
  const out = await tempDir('factsheets-model-out-');
  const caches = options.sharedCache ? { incremental: new BuildCache(), clean: new BuildCache() } : undefined;
  const build = async (outDir: string, print: boolean, cache: BuildCache | undefined): Promise<BuildReport> =>
    runPipeline(
      resolveConfig({ contentDir: folders.content, templatesDir: folders.templates, outDir, printEdition: print }),
      { launchPrinter, now: () => 0, ...(cache === undefined ? {} : { cache }) },
    );
  const clean = async (print: boolean): Promise<{ report: BuildReport; files: Map<string, string> }> => {
    const dir = await tempDir('factsheets-model-clean-');
    const report = await build(dir, print, caches?.clean);
    return { report, files: await filesOf(dir) };
  };
  try {
    const model = initialModel();
    await materialise(model, folders);
    expect((await build(out, model.print, caches?.incremental)).errors).toEqual([]);
    for (const edit of edits) {
      applyEdit(model, edit);
      await materialise(model, folders);
      const before = await filesOf(out);
      const report = await build(out, model.print, caches?.incremental);
      await checkStep({ model, before, after: await filesOf(out), report, clean });
    }
  } finally {
    await Promise.all([caches?.incremental.close(), caches?.clean.close()]);
  }
}

interface Step {
  readonly model: Model;
  readonly before: ReadonlyMap<string, string>;
  readonly after: ReadonlyMap<string, string>;
  readonly report: BuildReport;
  readonly clean: (print: boolean) => Promise<{ report: BuildReport; files: Map<string, string> }>;
}

/**
 * After one incremental build: every PDF reported unchanged is; no PDF went missing but those
 * of deleted documents; a build that failed left every PDF it did not make as it was; and a
 * build that did not fail left the folder a clean build would write, byte for byte.
 */
async function checkStep({ model, before, after, report, clean }: Step): Promise<void> {
  for (const result of report.documents)
    if (result.status === 'unchanged')
      expect(after.get(result.output), `${result.output} is reported unchanged`).toBe(before.get(result.output));
  const existing = outputsOf(model);
  for (const path of before.keys())
    if (path.endsWith('.pdf') && !after.has(path))
      expect(existing.has(path), `${path} was removed, but its document is there`).toBe(false);
  const built = new Set(report.documents.filter((result) => result.status === 'built').map((result) => result.output));
  if (model.broken !== undefined) {
    expect(report.errors.length, `a broken ${model.broken.how} fails the build`).toBeGreaterThan(0);
    for (const [path, bytes] of after)
      if (path.endsWith('.pdf') && !built.has(path) && before.has(path))
        expect(bytes, `${path} is kept as it was`).toBe(before.get(path));
    for (const kept of report.outOfDate ?? [])
      expect(after.has(kept.output), `${kept.output} is reported kept`).toBe(true);
    if (model.broken.how === 'template') {
      // A broken partial fails only the documents whose layout uses it (key-figure: the factsheets'), once.
      expect(report.errors.map((error) => error.file)).toEqual([expect.stringMatching(/partials\/key-figure\.hbs$/)]);
      for (const result of report.documents) {
        if (result.kind === 'factsheet')
          expect(result.status, `${result.output} uses the broken partial`).toBe('failed');
        if (result.kind === 'one-pager')
          expect(result.status, `${result.output} does not use the broken partial`).not.toBe('failed');
      }
    }
    return;
  }
  expect(report.errors.map((error) => error.message)).toEqual([]);
  const expected = await clean(model.print);
  expect(expected.report.errors).toEqual([]);
  const leftovers = [...after.keys()].filter((path) => path.startsWith('print/') && !expected.files.has(path));
  if (leftovers.length === 0) {
    expect(differences(after, expected.files)).toEqual([]);
    expect(report.outOfDate ?? []).toEqual([]);
    return;
  }
  // Print editions left from a build with --print: the rest of the folder is a clean build's; the
  // manifest is too, but for their entries; the review record also holds their inputs, so it is left out.
  const normalised = new Map(
    [...after].filter(([path]) => !leftovers.includes(path) && path !== 'manifest.review.json'),
  );
  normalised.set('manifest.json', withoutEntries(after.get('manifest.json'), leftovers));
  const cleanFiles = new Map([...expected.files].filter(([path]) => path !== 'manifest.review.json'));
  expect(differences(normalised, cleanFiles)).toEqual([]);
  // Each leftover is what a clean build with --print makes, or is reported out of date.
  const withPrint = await clean(true);
  const reported = new Set((report.outOfDate ?? []).map((kept) => kept.output));
  for (const path of leftovers) {
    expect(withPrint.files.has(path), `${path} is left, but its document is gone`).toBe(true);
    if (withPrint.files.get(path) !== after.get(path))
      expect(reported.has(path), `${path} is out of date, and must be reported so`).toBe(true);
  }
  for (const path of reported)
    expect(leftovers, `only print editions left alone are out of date (${path})`).toContain(path);
}

/** The manifest's text without the entries of these outputs, as a build would write it. */
function withoutEntries(base64: string | undefined, outputs: readonly string[]): string {
  const manifest = JSON.parse(Buffer.from(base64 ?? '', 'base64').toString()) as { documents: { output: string }[] };
  const kept = { ...manifest, documents: manifest.documents.filter((entry) => !outputs.includes(entry.output)) };
  return Buffer.from(`${JSON.stringify(kept, null, 2)}\n`).toString('base64');
}
