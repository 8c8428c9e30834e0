import { BuildCache } from './cache.js';
import { BuildLog } from './log.js';
import type { BuildConfig } from '../config.js';
import { FactsheetsError, toFactsheetsError } from '../errors.js';
import type { TemplateEnvironment } from '../stages/render/handlebars/environment.js';
import { findChanges, removeOrphans, sameInputs } from './changes.js';
import { loadSources } from '../stages/load.js';
import { readManifest, sha256, templatesHash, updateManifest, type ManifestEntry } from './manifest.js';
import { PACK_LAYOUT, PACK_OUTPUT } from '../stages/plan/pack.js';
import { planJobs, printEditionOf, withLocatorMap } from '../stages/plan.js';
import { inShard } from './shard.js';
import type { Printer, PrinterOptions } from '../browser/printer.js';
import type { BrowserProcess } from '../browser/process.js';
import { inputHashes, produce, type ProduceContext } from './produce.js';
import { makePack, packInputs, writePack } from './pack-step.js';

import { validateSources } from '../stages/validate.js';
import { OutputWriteError, prepareOutput } from '../stages/write.js';
import type { BuildReport, Document, HtmlPage, RenderJob } from '../types.js';
import { VERSION } from '../version.js';
import { runLimited } from './run-limited.js';

/** What the pipeline needs from the outside world; tests replace the printer, watch mode keeps both warm. */
export interface PipelineDeps {
  readonly launchPrinter: (options: PrinterOptions) => Promise<Printer>;
  readonly now: () => number;
  readonly cache?: BuildCache;
  /** Told as each document is done (built, unchanged or failed), for a progress line. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Puppeteer loads only when something is to be printed: a no-op build never needs it. A
 * system browser starts first (or was started by the caller), so that it boots while
 * Puppeteer loads.
 */
export async function launchPrinter(options: PrinterOptions, started?: BrowserProcess): Promise<Printer> {
  const browser = options.browserUrl !== undefined ? undefined : started ?? (await import('../browser/process.js')).startSystemBrowser(options);
  try {
    return await (await import('../browser/printer.js')).launchPrinter({ ...options, ...(browser === undefined ? {} : { started: browser }) });
  } catch (error) {
    browser?.kill();
    throw error;
  }
}

const defaultDeps: PipelineDeps = { launchPrinter, now: () => performance.now() };

/**
 * One build: load → validate → plan → (what changed?) → render → print → finish → write.
 * Only documents whose inputs changed since their PDF was made are printed; with nothing
 * to print, no browser starts. Every problem is collected into the report; a document fails
 * alone, and the others are still built.
 */
export async function runPipeline(config: BuildConfig, deps: PipelineDeps = defaultDeps): Promise<BuildReport> {
  const log = new BuildLog(config.outDir, deps.now());
  const cache = deps.cache ?? new BuildCache();
  const done = (): BuildReport => log.report(deps.now());

  // load: content and templates (read only)
  let sources;
  let fonts;
  try {
    [sources, fonts] = await Promise.all([loadSources(config.contentDir, config.templatesDir, config.limits), cache.fontFaces()]);
  } catch (error) {
    log.errors.push(toFactsheetsError(error, { stage: 'load' }));
    return done();
  }

  const previous = await readManifest(config.outDir, { mergeShards: config.only === undefined && config.shard === undefined });
  const printerOptions = printerOptionsFor(config);

  // validate: every input at once
  const validation = validateSources(sources, cache.validation);
  log.errors.push(...validation.errors);
  const chosen = selectDocuments(config.only, validation.documents, validation.failed);
  if (chosen instanceof FactsheetsError) {
    log.errors.push(chosen);
    return done();
  }
  const shard = config.shard;
  const selection = shard === undefined ? chosen : new Set([...chosen].filter((name) => inShard(name, shard)));
  for (const failed of validation.failed.filter((entry) => selection.has(entry.name))) {
    log.failed(failed.name, failed.kind, failed.source.displayPath);
  }
  const selected = validation.documents.filter((document) => selection.has(document.name));
  // A full build is every document in one run: only then are orphans removed and the pack made.
  const fullBuild = config.only === undefined && config.shard === undefined;

  // plan, and find what is out of date (maps wait until a document is printed)
  const planned = planJobs(selected.filter((document) => selection.has(document.name)), validation.dataset);
  for (const error of planned.errors) {
    log.errors.push(error);
    const document = selected.find((candidate) => candidate.name === error.document);
    if (document !== undefined) log.failed(document.name, document.meta.kind, document.source.displayPath);
  }
  const hashContext = { config, dataset: validation.dataset, templates: sources.templates, fontsHash: fonts.hash };
  const inputsOf = (job: RenderJob) => inputHashes(job, hashContext);
  const editions = planned.jobs.flatMap((job) => (config.printEdition ? [job, printEditionOf(job)] : [job]));
  const changes = findChanges(editions, inputsOf, previous, config.outDir, config.force);
  const stale = new Set(changes.outOfDate.map((job) => job.document.name));
  const known = new Map(changes.upToDate.map(({ job, entry }) => [job.outputPath, entry]));
  for (const job of planned.jobs) {
    const entry = known.get(job.outputPath);
    if (!stale.has(job.document.name) && entry !== undefined) log.unchanged(job, entry.pages);
  }
  const removed = fullBuild ? await removeOrphans(previous, new Set(validation.documents.map((document) => document.name)), config.outDir)
    .catch((error: unknown) => (log.errors.push(toFactsheetsError(error, { stage: 'write' })), [])) : [];

  const total = planned.jobs.length + validation.failed.filter((entry) => selection.has(entry.name)).length;
  const progress = (): void => deps.onProgress?.(log.finishedCount(), total);
  progress();

  // the briefing pack: up to date when its parts and its layout are
  const packWanted = fullBuild && !config.skipPack && sources.templates.layouts.has(PACK_LAYOUT);
  const packEntry = previous?.documents.find((entry) => entry.output === PACK_OUTPUT);
  const nothingToPrint = stale.size === 0 && !log.hasFailures();
  const packCurrent = (entries: readonly ManifestEntry[]): boolean =>
    packEntry !== undefined && !config.force && sameInputs(packEntry.inputs, packInputs(planned.jobs, entries, templatesHash(PACK_LAYOUT, sources.templates), fonts.hash));
  if (nothingToPrint && removed.length === 0 && (!packWanted || packCurrent(changes.upToDate.map(({ entry }) => entry)))) {
    return done();
  }

  // One browser for the build, started once: every job awaits the same promise. It starts now
  // when documents are out of date, while the render code loads and the first documents render.
  let printer: Printer | undefined;
  let printing: Promise<ProduceContext> | undefined;
  let printingFailed: FactsheetsError | undefined;
  const startPrinting = (): Promise<ProduceContext> => {
    printing ??= (async () => {
      let launched: Printer;
      try {
        await prepareOutput(config.outDir);
        launched = await deps.launchPrinter(printerOptions);
        printer = launched;
      } catch (error) {
        // One error for the build (an unwritable folder, no browser), not one per document.
        printingFailed = toFactsheetsError(error, { stage: 'print' });
        log.errors.push(printingFailed);
        throw printingFailed;
      }
      return {
        config, printer: launched, coverage: await cache.brandCoverage(), dataset: validation.dataset, templates: sources.templates, fontsHash: fonts.hash, fonts: fonts.embedded, now: deps.now,
        warn: (message: string, job: RenderJob) => log.warnings.push({ message, file: job.document.source.displayPath, document: job.document.name }),
      };
    })();
    return printing;
  };
  if (stale.size > 0) startPrinting().catch(() => undefined);
  // Once the first document is rendered, the browser opens its pages and loads the fonts into them.
  let warming = false;
  const warmWith = (html: string): void => {
    if (warming) return;
    warming = true;
    startPrinting().then((context) => context.printer.warm?.(html, context.fonts)).catch(() => undefined);
  };
  let closing: Promise<void> | undefined;
  const stopPrinting = async (): Promise<void> => {
    // The browser may still be starting (it starts before anything is rendered).
    await printing?.catch(() => undefined);
    await printer?.close();
  };

  // render and print what changed, through one browser (Handlebars and unified load only now)
  const [{ createEnvironment }, { renderPage }] = await Promise.all([import('../stages/render/handlebars/environment.js'), import('../stages/render/page.js')]);
  let templates: TemplateEnvironment;
  try {
    // Pages carry a reference to the fonts; the printer puts the fonts themselves into a browser page once.
    templates = createEnvironment(sources.templates, fonts.embedded.reference);
  } catch (error) {
    log.errors.push(toFactsheetsError(error, { stage: 'render' }));
    for (const job of planned.jobs) log.failed(job.document.name, job.kind, job.document.source.displayPath);
    await stopPrinting();
    return done();
  }
  const render = (job: RenderJob): HtmlPage | undefined => {
    try {
      const page = renderPage(job, templates, config.contentDir, config.limits);
      log.warnings.push(...page.warnings);
      return page;
    } catch (error) {
      log.jobFailed(job, toFactsheetsError(error, { stage: 'render' }));
      return undefined;
    }
  };

  try {
    const maps = stale.size > 0 ? cache.mapMaker() : undefined;
    const toPrint = planned.jobs.filter((job) => stale.has(job.document.name));
    const produceJob = async (plannedJob: RenderJob): Promise<void> => {
      // Maps are laid out and pages rendered as printing goes, so that Node's work overlaps the browser's.
      let job = plannedJob;
      try {
        // Rendering is synchronous: let the browser's messages through between documents.
        await new Promise((resolve) => setImmediate(resolve));
        const located = maps === undefined ? { job } : withLocatorMap(job, await maps);
        if (located.warning !== undefined) log.warnings.push(located.warning);
        job = located.job;
        const page = render(job);
        if (page === undefined) return;
        warmWith(page.html);
        const produceContext = await startPrinting();
        const screenEntry = known.get(job.outputPath);
        const screen = screenEntry === undefined ? await produce(page, produceContext) : { pages: screenEntry.pages, milliseconds: 0, entry: screenEntry };
        if (screenEntry === undefined) log.manifest.push(screen.entry);
        if (config.printEdition && !known.has(printEditionOf(job).outputPath)) {
          const printPage = render(printEditionOf(job));
          if (printPage !== undefined) log.manifest.push((await produce(printPage, produceContext, screen.pages)).entry);
        }
        if (screenEntry === undefined) log.built(job, screen.pages, screen.milliseconds);
        else log.unchanged(job, screen.pages);
      } catch (error) {
        if (error === printingFailed) log.failed(job.document.name, job.kind, job.document.source.displayPath);
        else log.jobFailed(job, error);
      } finally {
        progress();
      }
    };

    // A few documents render ahead of the browser, no more.
    await runLimited(toPrint, config.jobs * 2, produceJob);

    const packSkipped = !fullBuild || config.skipPack ? undefined
      : !sources.templates.layouts.has(PACK_LAYOUT) ? `the templates have no ${PACK_LAYOUT} layout`
        : log.hasFailures() ? 'some documents failed' : undefined;
    const entries = [...log.manifest, ...changes.upToDate.map(({ entry }) => entry)];
    if (packSkipped !== undefined) {
      log.warnings.push({ message: `${PACK_OUTPUT} was not rebuilt: ${packSkipped}` });
    } else if (packWanted && !packCurrent(entries)) {
      // After the documents: it needs their page counts, and is only worth printing if they all succeeded.
      try {
        const parts = planned.jobs.map((job) => ({ job, pages: log.pagesOf(job.document.name) ?? 1 }));
        const printed = await makePack(parts, templates, await startPrinting(), () => (closing = stopPrinting()));
        const inputs = packInputs(planned.jobs, entries, templatesHash(PACK_LAYOUT, sources.templates), fonts.hash);
        if (printed !== undefined) log.manifest.push(await writePack(printed, inputs, config.outDir));
      } catch (error) {
        if (error instanceof OutputWriteError) log.writeFailed(error);
        else if (error !== printingFailed) log.errors.push(toFactsheetsError(error, { stage: 'print', file: PACK_OUTPUT }).within('briefing pack'));
      }
    }
  } finally {
    // The browser closes while the pack is put together and the manifest written.
    closing ??= stopPrinting();
  }

  // the manifest: what is in the output folder now
  if (log.manifest.length === 0 && removed.length === 0) {
    await closing;
    return done();
  }
  try {
    const kept = previous === undefined ? undefined : { ...previous, documents: previous.documents.filter((entry) => !removed.includes(entry.output)) };
    await updateManifest(config.outDir, kept, log.manifest, { name: 'factsheets', version: VERSION }, shard === undefined ? undefined : `manifest.shard-${shard.index}-of-${shard.count}.json`);
  } catch (error) {
    if (error instanceof OutputWriteError) log.writeFailed(error);
    else log.errors.push(toFactsheetsError(error, { stage: 'write', file: config.outDir }));
  }
  await closing;
  return done();
}

/** The browser a build prints with, as the configuration asks for it. */
export function printerOptionsFor(config: BuildConfig): PrinterOptions {
  return {
    executable: config.browserExecutable, pages: config.jobs, timeoutMs: config.timeoutSeconds * 1000,
    ...(config.browserUrl === undefined ? {} : { browserUrl: config.browserUrl }),
  };
}

/** The names to build: all by default, else those of `--only`, which must exist. */
function selectDocuments(
  only: readonly string[] | undefined,
  documents: readonly Document[],
  failed: readonly { readonly name: string }[],
): Set<string> | FactsheetsError {
  const known = [...documents.map((document) => document.name), ...failed.map((entry) => entry.name)];
  if (only === undefined) return new Set(known);
  const unknown = only.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return new FactsheetsError(`--only names ${unknown.length === 1 ? 'a document that does' : 'documents that do'} not exist: ${unknown.join(', ')}`, {
      stage: 'cli',
      hint: `Known documents: ${[...known].sort().join(', ')}.`,
    });
  }
  return new Set(only);
}

