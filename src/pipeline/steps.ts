import type { BuildConfig } from '../config.js';
import { toFactsheetsError } from '../errors.js';
import type { Printer, PrinterOptions } from '../browser/printer.js';
import { fontWarnings } from '../languages/readiness.js';
import { languageOf } from '../outputs/paths.js';
import { documentOutputs } from '../outputs/registry.js';
import { readReviewRecord, writeReviewRecord } from '../review/record.js';
import { loadSources } from '../stages/load.js';
import { planJobs, withLocatorMap } from '../stages/plan.js';
import type { TemplateEnvironment } from '../stages/render/handlebars/environment.js';
import type { Renderer } from '../stages/render/renderer.js';
import { validateSources, type ValidationResult } from '../stages/validate.js';
import { OutputWriteError, prepareOutput } from '../stages/write.js';
import type { BuildWarning, RenderJob } from '../model/documents.js';
import { VERSION } from '../version.js';
import type { BuildCache } from './cache.js';
import { findChanges, removeOrphans } from './changes.js';
import { fingerprintOf } from './failure-memo.js';
import { Outcome } from './outcome.js';
import {
  MANIFEST_FILE,
  mergeManifest,
  readManifest,
  updateManifest,
  type Manifest,
  type ManifestEntry,
} from './manifest.js';
import { judgeKeptOutputs, outOfDateOutputs } from './out-of-date.js';
import {
  decidePacks,
  keptOutputs,
  notePacksCurrent,
  packSteps,
  withoutBrokenPackLayout,
  type PackDecision,
} from './pack-step.js';
import { printDocuments } from './print-documents.js';
import { PrintSession } from './print-session.js';
import { currentInputs, documentWarning, type ProduceContext } from './produce.js';
import { makeRun, produceContextOf, renderSetupOf, type Loaded, type Run } from './run.js';
import { selectDocuments } from './select.js';
import { staleOutputs } from './stale.js';

/**
 * The build's steps, each a function of the run that returns its outcome (what it recorded:
 * results, errors, warnings, manifest entries) and what it found for the next steps. None of
 * them writes into the build's log: the pipeline folds each outcome in (see pipeline.ts).
 */
export interface Stepped<T> {
  readonly outcome: Outcome;
  readonly value: T;
}

/** What a run is made with from outside the inputs: the configuration, the cache, the clock, watch mode's failure memo. */
export type World = Pick<Run, 'config' | 'cache' | 'now' | 'failureMemo'>;

/** What the log has recorded so far, as the later steps may read it (never write it). */
export type SoFar = Pick<
  Outcome,
  'anyFailed' | 'hasFailures' | 'manifest' | 'errors' | 'notRebuilt' | 'allResults' | 'finishedCount'
>;

/** 1. Loads content and templates (read only), the fonts they declare, and what the last build wrote. */
export async function loadStep(config: BuildConfig, cache: BuildCache): Promise<Stepped<Loaded>> {
  const outcome = new Outcome();
  const sources = await loadSources(config.contentDir, config.templatesDir, config.limits);
  const fonts = await cache.fontFaces(sources.templates);
  const previous = await readPrevious(config, outcome);
  return { outcome, value: { sources, fonts, previous } };
}

/** 2. Validates every input at once: all problems of all files in one run. */
export function validateStep(loaded: Loaded, cache: BuildCache): Stepped<ValidationResult> {
  const outcome = new Outcome();
  const validation = validateSources(loaded.sources, cache.validation);
  outcome.addErrors(validation.errors);
  outcome.warnings.push(...validation.warnings);
  // The readiness check's fonts fact, briefly: a language whose letters the declared fonts lack.
  const languages = validation.documents.map((document) => languageOf(document, validation.settings));
  outcome.warnings.push(...fontWarnings(languages, loaded.fonts.coverage).map((message) => ({ message })));
  return { outcome, value: validation };
}

/** 3. Chooses this run's documents (`--only`, `--shard`): the run, or undefined (nothing to build). */
export function selectStep(loaded: Loaded, validation: ValidationResult, world: World): Stepped<Run | undefined> {
  const outcome = new Outcome();
  const selection = selectDocuments(world.config, validation, outcome);
  return { outcome, value: selection === undefined ? undefined : makeRun(loaded, validation, selection, world) };
}

/** 4. Plans view models: every total, share and ordering, and each output's path (maps wait until a document is printed). */
export function planStep(run: Run): Stepped<readonly RenderJob[]> {
  const outcome = new Outcome(run.rowsOf);
  const planned = planJobs(run.documents, run.dataset, undefined, run.settings, run.messagesOf);
  outcome.planned(planned, run.documents, run.project);
  return { outcome, value: planned.jobs };
}

/** What the changes step found. */
export interface Changed {
  /** Outputs that are up to date, by output path. */
  readonly upToDate: ReadonlyMap<string, ManifestEntry>;
  /** The documents to print, by name. */
  readonly toPrint: ReadonlySet<string>;
  /** The fingerprint of each document tried (for watch mode's failure memo). */
  readonly tried: ReadonlyMap<string, string>;
  /** Outputs of deleted documents, removed. */
  readonly removed: readonly string[];
}

/**
 * 5. Compares each output's inputs with the manifest: only what changed is printed; a complete
 * build removes the outputs of deleted documents.
 */
export async function changesStep(run: Run, jobs: readonly RenderJob[]): Promise<Stepped<Changed>> {
  const outcome = new Outcome(run.rowsOf);
  const { upToDate, outOfDate } = findOutOfDate(run, jobs, outcome);
  const { toPrint, tried } = skipRememberedFailures(run, outOfDate, jobs, outcome);
  const removed = run.complete
    ? await removeOrphans(run.previous, keptOutputs(run.validation), run.config.outDir).catch((error: unknown) => {
        outcome.errors.push(toFactsheetsError(error, { stage: 'write' }));
        return [];
      })
    : [];
  if (run.config.only !== undefined) {
    // After --only: which outputs left out now disagree with their inputs.
    const stale = staleOutputs(
      run,
      new Set(jobs.filter((job) => toPrint.has(job.document.name)).map((job) => job.lang)),
    );
    if (stale !== undefined) outcome.warnings.push(stale.warning);
    for (const output of stale?.outputs ?? [])
      outcome.notRebuilt.set(output, 'this build was limited by --only; build without it to make it again');
  }
  return { outcome, value: { upToDate, toPrint, tried, removed } };
}

/** 5, then: whether there is nothing to do (nothing to print or removed, nothing failed, every wanted pack current, noted unchanged). */
export function currentStep(
  run: Run,
  changed: Changed,
  packs: readonly PackDecision[],
  soFar: SoFar,
): Stepped<boolean> {
  const outcome = new Outcome(run.rowsOf);
  const nothing = changed.toPrint.size === 0 && !soFar.hasFailures() && changed.removed.length === 0;
  return { outcome, value: nothing && notePacksCurrent(packs, [...changed.upToDate.values()], outcome) };
}

/**
 * The build's browser: one print session for the documents and the packs. A browser that
 * cannot start is one error, in the outcome of the step that was using it (or, when it fails
 * while closing, in the outcome close returns).
 */
export class Browser {
  readonly session: PrintSession;
  #reportTo = new Outcome();

  constructor(config: BuildConfig, launchPrinter: (options: PrinterOptions) => Promise<Printer>) {
    this.session = new PrintSession(
      () => openPrinter(config, launchPrinter),
      (error) => this.#reportTo.errors.push(error),
    );
  }

  /** The step now using the browser records its failure. */
  usedBy(outcome: Outcome): void {
    this.#reportTo = outcome;
  }

  /** Closes it; what it reported while closing. */
  async close(): Promise<Outcome> {
    const closing = new Outcome();
    this.#reportTo = closing;
    await this.session.close();
    return closing;
  }
}

/** The render code of a build: the compiled templates, and the render workers. */
export interface Rendering {
  readonly environment: TemplateEnvironment;
  readonly pages: Renderer;
}

/**
 * 6. Renders and prints each changed document (its print edition too), a few ahead of the
 * browser: render workers and the browser start only now. Returns the render code (the packs'
 * sheets render with it), or undefined when the templates do not compile.
 */
export async function printStep(
  run: Run,
  jobs: readonly RenderJob[],
  changed: Changed,
  browser: Browser,
  progress: (step: Outcome) => void,
): Promise<Stepped<Rendering | undefined>> {
  const outcome = new Outcome(run.rowsOf);
  browser.usedBy(outcome);
  const { session } = browser;
  if (changed.toPrint.size > 0) session.start();
  // Handlebars and unified load only now; pages carry a reference to the fonts, which the printer puts into a browser page once.
  const renderer = await loadRenderer(run).catch((error: unknown) => {
    outcome.renderFailed(error, jobs);
  });
  if (renderer === undefined) return { outcome, value: undefined };
  const toPrint = jobs.filter((job) => changed.toPrint.has(job.document.name));
  const renderPage = (job: RenderJob) => renderer.pages.render(job);
  const { upToDate } = changed;
  await printDocuments(run, toPrint, {
    log: outcome,
    session,
    renderPage,
    upToDate,
    progress: () => progress(outcome),
  });
  return { outcome, value: renderer };
}

/** 5a. Which packs this run makes: each language's, out of date or not, and none while the pack layout is broken. */
export function packsStep(run: Run, jobs: readonly RenderJob[]): Stepped<PackDecision[]> {
  const outcome = new Outcome();
  return { outcome, value: withoutBrokenPackLayout(decidePacks(run, jobs), run.validation.brokenLayouts, outcome) };
}

/** 7. Makes each language's briefing pack from the printed PDFs, on a complete build in which its documents succeeded. */
export async function packStep(
  run: Run,
  packs: readonly PackDecision[],
  rendering: Rendering | undefined,
  changed: Changed,
  browser: Browser,
  soFar: SoFar,
): Promise<Stepped<undefined>> {
  const outcome = new Outcome(run.rowsOf);
  browser.usedBy(outcome);
  const made = new Set((run.previous?.documents ?? []).map((entry) => entry.output));
  if (rendering === undefined) {
    for (const pack of packs)
      if (pack.wanted && made.has(pack.output))
        outcome.notRebuilt.set(pack.output, 'the templates could not be compiled');
    return { outcome, value: undefined };
  }
  const warn: ProduceContext['warn'] = (message, job, at) => outcome.warnings.push(documentWarning(message, job, at));
  await packSteps(packs, [...soFar.manifest, ...changed.upToDate.values()], {
    config: run.config,
    log: outcome,
    session: browser.session,
    templates: rendering.environment,
    messagesOf: run.messagesOf,
    anyFailed: (names) => soFar.anyFailed(names),
    madeBefore: (output) => made.has(output),
    context: async (printer) => produceContextOf(run, printer, warn),
    // A factsheet goes into the pack as its pack edition, rendered again (see pack-edition.ts).
    renderPage: async (job) => rendering.pages.render(withLocatorMap(job, await run.cache.mapMaker()).job),
  });
  return { outcome, value: undefined };
}

/**
 * 8. Records what is in the output folder now: this build's PDFs, and the previous ones it
 * kept, each marked out of date (with why) or current. Written only when something changed;
 * the review record follows the manifest it describes.
 */
export async function recordStep(
  run: Run,
  jobs: readonly RenderJob[],
  changed: Changed,
  soFar: SoFar,
): Promise<Stepped<undefined>> {
  const { config, previous } = run;
  const { removed } = changed;
  const outcome = new Outcome(run.rowsOf);
  const marks = judgeKeptOutputs({
    previous,
    written: new Set(soFar.manifest.map((entry) => entry.output)),
    removed,
    results: soFar.allResults(),
    errors: soFar.errors,
    notRebuilt: soFar.notRebuilt,
    currentInputs: currentInputsOf(run, jobs),
    complete: config.only === undefined && config.shard === undefined,
  });
  const remarked = (previous?.documents ?? []).some(
    (entry) => marks.has(entry.output) && marks.get(entry.output) !== entry.outOfDate,
  );
  const kept =
    previous === undefined
      ? undefined
      : mergeManifest(previous, [], new Set(previous.documents.map((entry) => entry.output)), previous.tool, marks);
  outcome.outOfDate = outOfDateOutputs(kept);
  if (soFar.manifest.length === 0 && removed.length === 0 && !remarked) return { outcome, value: undefined };
  const left =
    previous === undefined
      ? undefined
      : { ...previous, documents: previous.documents.filter((entry) => !removed.includes(entry.output)) };
  const shard =
    config.shard === undefined ? undefined : `manifest.shard-${config.shard.index}-of-${config.shard.count}.json`;
  try {
    const manifest = await updateManifest(
      config.outDir,
      left,
      soFar.manifest,
      { name: 'factsheets', version: VERSION },
      shard,
      marks,
    );
    await writeReviewRecord(config.outDir, shard ?? MANIFEST_FILE, manifest.documents, soFar.manifest);
    outcome.outOfDate = outOfDateOutputs(manifest);
  } catch (error) {
    if (error instanceof OutputWriteError) outcome.writeFailed(error);
    else outcome.errors.push(toFactsheetsError(error, { stage: 'write', file: config.outDir }));
  }
  return { outcome, value: undefined };
}

/** The inputs each planned output would be made from now (print editions included, made or not), computed when asked. */
function currentInputsOf(
  run: Run,
  jobs: readonly RenderJob[],
): (entry: ManifestEntry) => Readonly<Record<string, string>> | undefined {
  const byOutput = new Map(
    jobs.flatMap((job) =>
      documentOutputs().map((output) => {
        const made = output.jobOf(job);
        return [made.outputPath, made] as const;
      }),
    ),
  );
  return (entry) => {
    const job = byOutput.get(entry.output);
    return job === undefined ? undefined : currentInputs(job, run, entry);
  };
}

/** The jobs of a document's outputs this build makes: its screen PDF, and its print edition when asked for. */
function outputJobsOf(job: RenderJob, config: BuildConfig): readonly RenderJob[] {
  return documentOutputs()
    .filter((output) => output.wanted(config))
    .map((output) => output.jobOf(job));
}

/**
 * Which documents must be printed again: an output is up to date when the manifest has it made
 * from exactly these inputs (see findChanges); a document is out of date when any of its
 * editions is. Each edition of a document that is not printed again is noted as unchanged.
 */
function findOutOfDate(run: Run, jobs: readonly RenderJob[], outcome: Outcome) {
  const { config, previous } = run;
  const editions = jobs.flatMap((job) => outputJobsOf(job, config));
  const changes = findChanges(
    editions,
    (job, entry) => currentInputs(job, run, entry),
    previous,
    config.outDir,
    config.force,
  );
  const upToDate: ReadonlyMap<string, ManifestEntry> = new Map(
    changes.upToDate.map(({ job, entry }) => [job.outputPath, entry]),
  );
  const outOfDate: ReadonlySet<string> = new Set(changes.outOfDate.map((job) => job.document.name));
  for (const job of editions) {
    const entry = upToDate.get(job.outputPath);
    if (!outOfDate.has(job.document.name) && entry !== undefined) outcome.unchanged(job, entry);
  }
  return { upToDate, outOfDate };
}

/**
 * With a failure memo (watch mode): a document that failed before and whose inputs are the
 * same is not tried again; its remembered errors are reported as still standing. Returns the
 * documents to print, and the fingerprint of each one that was out of date (for the memo).
 */
function skipRememberedFailures(
  run: Run,
  outOfDate: ReadonlySet<string>,
  jobs: readonly RenderJob[],
  outcome: Outcome,
): { toPrint: ReadonlySet<string>; tried: ReadonlyMap<string, string> } {
  const memo = run.failureMemo;
  if (memo === undefined) return { toPrint: outOfDate, tried: new Map() };
  const entries = new Map((run.previous?.documents ?? []).map((entry) => [entry.output, entry]));
  const toPrint = new Set<string>();
  const tried = new Map<string, string>();
  for (const name of outOfDate) {
    const editions = jobs.filter((job) => job.document.name === name).flatMap((job) => outputJobsOf(job, run.config));
    const fingerprint = fingerprintOf(
      editions.map((job) => ({ output: job.outputPath, inputs: currentInputs(job, run, entries.get(job.outputPath)) })),
    );
    const failure = memo.recall(name, fingerprint);
    if (failure === undefined) {
      toPrint.add(name);
      tried.set(name, fingerprint);
    } else {
      outcome.stillFailing(failure.result, failure.errors);
    }
  }
  return { toPrint, tried };
}

/**
 * What the last build wrote: its manifest, trusted only when it and the review record beside it
 * are as a build writes them. A bad one is one warning naming it, and everything is made again.
 */
async function readPrevious(config: BuildConfig, outcome: Outcome): Promise<Manifest | undefined> {
  let trusted = true;
  const warn = (warning: BuildWarning): void => {
    trusted = false;
    outcome.warnings.push(warning);
  };
  const manifest = await readManifest(config.outDir, {
    mergeShards: config.only === undefined && config.shard === undefined,
    onWarning: warn,
  });
  if (manifest !== undefined) await readReviewRecord(config.outDir, MANIFEST_FILE, warn);
  return trusted ? manifest : undefined;
}

/** The build's printer, once the output folder is known to be writable (one error otherwise, before any browser starts). */
async function openPrinter(
  config: BuildConfig,
  launchPrinter: (options: PrinterOptions) => Promise<Printer>,
): Promise<Printer> {
  await prepareOutput(config.outDir);
  return launchPrinter(printerOptionsFor(config));
}

/**
 * The render code (Handlebars, unified), loaded when a document is to be printed: the layouts
 * compiled here (a template error fails every document, once; the pack's sheets render here),
 * and documents rendered in worker threads under the build's deadline.
 */
async function loadRenderer(run: Run): Promise<Rendering> {
  const { createEnvironment } = await import('../stages/render/handlebars/environment.js');
  const environment = createEnvironment(run.templates, run.fonts.embedded.reference);
  return { environment, pages: await run.cache.renderWorkers(renderSetupOf(run), run.config.timeoutSeconds * 1000) };
}

/** The browser a build prints with, as the configuration asks for it. */
export function printerOptionsFor(config: BuildConfig): PrinterOptions {
  return {
    executable: config.browserExecutable,
    pages: config.browserPages,
    timeoutMs: config.timeoutSeconds * 1000,
    ...(config.browserUrl === undefined ? {} : { browserUrl: config.browserUrl }),
  };
}
