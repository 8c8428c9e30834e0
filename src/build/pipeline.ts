import type { BuildConfig } from '../config.js';
import { toFactsheetsError } from '../errors.js';
import { VERSION } from '../version.js';
import { launchPrinter } from '../browser/launch.js';
import type { Printer, PrinterOptions } from '../browser/printer.js';
import { loadSources } from '../stages/load.js';
import { languageOf, planJobs, printEditionOf, withLocatorMap } from '../stages/plan.js';
import { fontWarnings } from '../languages/readiness.js';
import { messagesFor, type LanguageMessages } from '../messages/languages.js';
import { validateSources } from '../stages/validate.js';
import { OutputWriteError, prepareOutput } from '../stages/write.js';
import type { BuildReport, BuildWarning, RenderJob } from '../types.js';
import { readReviewRecord, writeReviewRecord } from '../review/record.js';
import type { TemplateEnvironment } from '../stages/render/handlebars/environment.js';
import type { Renderer, RenderSetup } from '../stages/render/renderer.js';
import { BuildCache } from './cache.js';
import { findChanges, removeOrphans } from './changes.js';
import { fingerprintOf, type FailureMemo } from './failure-memo.js';
import { BuildLog } from './log.js';
import { documentRows, MANIFEST_FILE, mergeManifest, readManifest, updateManifest, type Manifest, type ManifestEntry } from './manifest.js';
import { judgeKeptOutputs, outOfDateOutputs } from './out-of-date.js';
import { decidePacks, keptOutputs, notePacksCurrent, packSteps } from './pack-step.js';
import { printDocuments } from './print-documents.js';
import { PrintSession } from './print-session.js';
import { currentInputs, type HashContext, type ProduceContext } from './produce.js';
import { selectDocuments } from './select.js';
import { staleOutputs } from './stale.js';

/** What the pipeline needs from the outside world; tests replace the printer, watch mode keeps both warm. */
export interface PipelineDeps {
  readonly launchPrinter: (options: PrinterOptions) => Promise<Printer>;
  readonly now: () => number;
  readonly cache?: BuildCache;
  /** Told as each document is done (built, unchanged or failed), for a progress line. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Watch mode's failed documents: one whose inputs did not change is not tried again. */
  readonly failureMemo?: FailureMemo;
}

const defaultDeps: PipelineDeps = { launchPrinter: (options) => launchPrinter(options), now: () => performance.now() };

/**
 * One build. Only documents whose inputs changed since their PDF was made are printed; with
 * nothing to print, no browser starts. Every problem is collected into the report; a document
 * fails alone, and the others are still built.
 */
export async function runPipeline(config: BuildConfig, deps: PipelineDeps = defaultDeps): Promise<BuildReport> {
  const log = new BuildLog(config.outDir, deps.now());
  const cache = deps.cache ?? new BuildCache();
  const report = (): BuildReport => {
    const done = log.report(deps.now());
    return deps.failureMemo?.settle(done, tried) ?? done;
  };
  let tried: ReadonlyMap<string, string> = new Map();

  // 1. load content and templates (read only), and what the last build wrote
  const loaded = await loadSources(config.contentDir, config.templatesDir, config.limits).then(async (read) => [read, await cache.fontFaces(read.templates)] as const).catch((error: unknown) => {
    log.errors.push(toFactsheetsError(error, { stage: 'load' }));
  });
  if (loaded === undefined) return report();
  const [sources, fonts] = loaded;
  const previous = await readPrevious(config, log);

  // 2. validate every input at once, then choose this run's documents
  const validation = validateSources(sources, cache.validation);
  log.addErrors(validation.errors);
  log.warnings.push(...validation.warnings);
  log.rowsOf = (job) => documentRows(job, validation.dataset).length;
  // The readiness check's fonts fact, briefly: a language whose letters the declared fonts lack.
  log.warnings.push(...fontWarnings(validation.documents.map((document) => languageOf(document, validation.settings)), fonts.coverage).map((message) => ({ message })));
  const selection = selectDocuments(config, validation, log);
  if (selection === undefined) return report();
  const failedEarly = log.finishedCount();

  // 3. plan: view models, totals and output paths (maps wait until a document is printed)
  const messagesOf = (lang: string): LanguageMessages => messagesFor(lang, sources.templates);
  const planned = planJobs(selection.documents, validation.dataset, undefined, validation.settings, messagesOf);
  log.planned(planned, selection.documents);

  // 4. find what is out of date; a complete build removes the outputs of deleted documents
  const hashContext = { config, dataset: validation.dataset, templates: sources.templates, fontsHash: fonts.hash };
  const found = findOutOfDate(planned.jobs, hashContext, previous, log);
  const { upToDate } = found;
  const skipped = skipRememberedFailures(found.outOfDate, planned.jobs, hashContext, previous, log, deps.failureMemo);
  const { outOfDate } = skipped;
  tried = skipped.tried;
  const removed = selection.complete ? await removeOrphans(previous, keptOutputs(validation), config.outDir)
    .catch((error: unknown) => (log.errors.push(toFactsheetsError(error, { stage: 'write' })), [])) : [];
  // After --only: which outputs left out now disagree with their inputs
  const stale = config.only === undefined ? undefined : staleOutputs({ all: validation.documents, selected: selection.documents, dataset: validation.dataset,
    settings: validation.settings, messagesOf, previous, inputsOf: (job, entry) => currentInputs(job, hashContext, entry), printedLanguages: new Set(planned.jobs.filter((job) => outOfDate.has(job.document.name)).map((job) => job.lang)) });
  if (stale !== undefined) log.warnings.push(stale.warning);
  for (const output of stale?.outputs ?? []) log.notRebuilt.set(output, 'this build was limited by --only; build without it to make it again');
  const progress = (): void => deps.onProgress?.(log.finishedCount(), planned.jobs.length + failedEarly);
  progress();

  // 5. nothing out of date, nothing removed, the pack current: no browser at all
  const packs = decidePacks(config, selection.complete, planned.jobs, validation, sources.templates, previous, fonts.hash, messagesOf);
  const upToDateEntries = [...upToDate.values()];
  const record = (): Promise<void> => recordManifest(config, previous, removed, log, currentInputsOf(planned.jobs, hashContext));
  if (outOfDate.size === 0 && !log.hasFailures() && removed.length === 0 && notePacksCurrent(packs, upToDateEntries, log)) {
    await record();
    return report();
  }

  // 6. render and print what changed, then the pack, through one browser session
  const session = new PrintSession(() => openPrinter(config, deps), (error) => log.errors.push(error));
  if (outOfDate.size > 0) session.start();
  const context = async (printer: Printer): Promise<ProduceContext> => ({
    config, printer, coverage: await cache.brandCoverage(sources.templates), dataset: validation.dataset, templates: sources.templates, fontsHash: fonts.hash, fonts: fonts.embedded, now: deps.now,
    warn: (message, job) => log.warnings.push({ message, file: job.document.source.displayPath, document: job.document.name }),
  });
  // Handlebars and unified load only now; pages carry a reference to the fonts, which the printer puts into a browser page once.
  const renderer = await loadRenderer({ templates: sources.templates, fontsReference: fonts.embedded.reference, contentDir: config.contentDir, limits: config.limits }, config, cache).catch((error: unknown) => {
    log.renderFailed(error, planned.jobs);
  });
  try {
    if (renderer !== undefined) {
      const jobs = planned.jobs.filter((job) => outOfDate.has(job.document.name));
      await printDocuments(jobs, { config, log, session, renderPage: (job) => renderer.pages.render(job), fonts: fonts.embedded, context, upToDate, maps: cache.mapMaker(), progress });
      await packSteps(packs, [...log.manifest, ...upToDateEntries], {
        config, log, session, templates: renderer.environment, context, messagesOf,
        renderPage: async (job) => renderer.pages.render(withLocatorMap(job, await cache.mapMaker()).job),
      });
    } else {
      for (const pack of packs) if (pack.wanted && previous?.documents.some((entry) => entry.output === pack.output) === true) log.notRebuilt.set(pack.output, 'the templates could not be compiled');
    }
  } finally {
    // 7. the manifest, written while the browser closes (render workers stay with a cache the caller keeps)
    await Promise.all([session.close(), deps.cache === undefined ? cache.close() : undefined, record()]);
  }
  return report();
}

/**
 * Which documents must be printed again: an output is up to date when the manifest has it made
 * from exactly these inputs (see findChanges); a document is out of date when any of its
 * editions is. Each edition of a document that is not printed again is logged as unchanged.
 */
function findOutOfDate(jobs: readonly RenderJob[], hashContext: HashContext, previous: Manifest | undefined, log: BuildLog) {
  const { config } = hashContext;
  const editions = jobs.flatMap((job) => (config.printEdition ? [job, printEditionOf(job)] : [job]));
  const changes = findChanges(editions, (job, entry) => currentInputs(job, hashContext, entry), previous, config.outDir, config.force);
  const upToDate: ReadonlyMap<string, ManifestEntry> = new Map(changes.upToDate.map(({ job, entry }) => [job.outputPath, entry]));
  const outOfDate: ReadonlySet<string> = new Set(changes.outOfDate.map((job) => job.document.name));
  for (const job of editions) {
    const entry = upToDate.get(job.outputPath);
    if (!outOfDate.has(job.document.name) && entry !== undefined) log.unchanged(job, entry);
  }
  return { upToDate, outOfDate };
}

/**
 * With a failure memo (watch mode): a document that failed before and whose inputs are the
 * same is not tried again; its remembered errors are reported as still standing. Returns the
 * documents to print, and the fingerprint of each one that was out of date (for the memo).
 */
function skipRememberedFailures(
  outOfDate: ReadonlySet<string>, jobs: readonly RenderJob[], hashContext: HashContext, previous: Manifest | undefined, log: BuildLog, memo: FailureMemo | undefined,
): { outOfDate: ReadonlySet<string>; tried: ReadonlyMap<string, string> } {
  if (memo === undefined) return { outOfDate, tried: new Map() };
  const entries = new Map((previous?.documents ?? []).map((entry) => [entry.output, entry]));
  const toPrint = new Set<string>();
  const tried = new Map<string, string>();
  for (const name of outOfDate) {
    const editions = jobs.filter((job) => job.document.name === name).flatMap((job) => (hashContext.config.printEdition ? [job, printEditionOf(job)] : [job]));
    const fingerprint = fingerprintOf(editions.map((job) => ({ output: job.outputPath, inputs: currentInputs(job, hashContext, entries.get(job.outputPath)) })));
    const failure = memo.recall(name, fingerprint);
    if (failure === undefined) {
      toPrint.add(name);
      tried.set(name, fingerprint);
    } else {
      log.stillFailing(failure.result, failure.errors);
    }
  }
  return { outOfDate: toPrint, tried };
}

/**
 * What the last build wrote: its manifest, trusted only when it and the review record beside it
 * are as a build writes them. A bad one is one warning naming it, and everything is made again.
 */
async function readPrevious(config: BuildConfig, log: BuildLog): Promise<Manifest | undefined> {
  let trusted = true;
  const warn = (warning: BuildWarning): void => {
    trusted = false;
    log.warnings.push(warning);
  };
  const manifest = await readManifest(config.outDir, { mergeShards: config.only === undefined && config.shard === undefined, onWarning: warn });
  if (manifest !== undefined) await readReviewRecord(config.outDir, MANIFEST_FILE, warn);
  return trusted ? manifest : undefined;
}

/** The build's printer, once the output folder is known to be writable (one error otherwise, before any browser starts). */
async function openPrinter(config: BuildConfig, deps: PipelineDeps): Promise<Printer> {
  await prepareOutput(config.outDir);
  return deps.launchPrinter(printerOptionsFor(config));
}

/** The inputs each planned output would be made from now (print editions included, made or not), computed when asked. */
function currentInputsOf(jobs: readonly RenderJob[], hashContext: HashContext): (entry: ManifestEntry) => Readonly<Record<string, string>> | undefined {
  const byOutput = new Map(jobs.flatMap((job) => [[job.outputPath, job], [printEditionOf(job).outputPath, printEditionOf(job)]] as const));
  return (entry) => {
    const job = byOutput.get(entry.output);
    return job === undefined ? undefined : currentInputs(job, hashContext, entry);
  };
}

/**
 * Records what is in the output folder now: this build's PDFs, and the previous ones it kept,
 * each marked out of date (with why) or current. Written only when something changed.
 */
async function recordManifest(
  config: BuildConfig, previous: Manifest | undefined, removed: readonly string[], log: BuildLog, inputsNow: (entry: ManifestEntry) => Readonly<Record<string, string>> | undefined,
): Promise<void> {
  const marks = judgeKeptOutputs({
    previous, written: new Set(log.manifest.map((entry) => entry.output)), removed, results: log.allResults(), errors: log.errors, notRebuilt: log.notRebuilt, currentInputs: inputsNow,
    complete: config.only === undefined && config.shard === undefined,
  });
  const remarked = (previous?.documents ?? []).some((entry) => marks.has(entry.output) && marks.get(entry.output) !== entry.outOfDate);
  log.outOfDate = outOfDateOutputs(previous === undefined ? undefined : mergeManifest(previous, [], new Set(previous.documents.map((entry) => entry.output)), previous.tool, marks));
  if (log.manifest.length === 0 && removed.length === 0 && !remarked) return;
  const kept = previous === undefined ? undefined : { ...previous, documents: previous.documents.filter((entry) => !removed.includes(entry.output)) };
  const shard = config.shard === undefined ? undefined : `manifest.shard-${config.shard.index}-of-${config.shard.count}.json`;
  try {
    const manifest = await updateManifest(config.outDir, kept, log.manifest, { name: 'factsheets', version: VERSION }, shard, marks);
    // The review record follows the manifest it describes, by its own step.
    await writeReviewRecord(config.outDir, shard ?? MANIFEST_FILE, manifest.documents, log.manifest);
    log.outOfDate = outOfDateOutputs(manifest);
  } catch (error) {
    if (error instanceof OutputWriteError) log.writeFailed(error);
    else log.errors.push(toFactsheetsError(error, { stage: 'write', file: config.outDir }));
  }
}

/**
 * The render code (Handlebars, unified), loaded when a document is to be printed: the layouts
 * compiled here (a template error fails every document, once; the pack's sheets render here),
 * and documents rendered in worker threads under the build's deadline.
 */
async function loadRenderer(setup: RenderSetup, config: BuildConfig, cache: BuildCache): Promise<{ environment: TemplateEnvironment; pages: Renderer }> {
  const { createEnvironment } = await import('../stages/render/handlebars/environment.js');
  const environment = createEnvironment(setup.templates, setup.fontsReference);
  return { environment, pages: await cache.renderWorkers(setup, config.timeoutSeconds * 1000) };
}

/** The browser a build prints with, as the configuration asks for it. */
export function printerOptionsFor(config: BuildConfig): PrinterOptions {
  return {
    executable: config.browserExecutable, pages: config.browserPages, timeoutMs: config.timeoutSeconds * 1000,
    ...(config.browserUrl === undefined ? {} : { browserUrl: config.browserUrl }),
  };
}
