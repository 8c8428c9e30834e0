import { BUNDLED_TEMPLATES, type BuildConfig } from '../config.js';
import { toFactsheetsError, type Stage } from '../errors.js';
import { launchPrinter } from '../browser/launch.js';
import type { Printer, PrinterOptions } from '../browser/printer.js';
import type { BuildReport } from '../model/documents.js';
import { BuildCache } from './cache.js';
import type { FailureMemo } from './failure-memo.js';
import { BuildLog } from './log.js';
import { Outcome } from './outcome.js';
import {
  Browser,
  changesStep,
  currentStep,
  loadStep,
  packStep,
  packsStep,
  planStep,
  printStep,
  recordStep,
  selectStep,
  validateStep,
  type Stepped,
  type World,
} from './steps.js';

export { printerOptionsFor } from './steps.js';

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

const defaultDeps: PipelineDeps = {
  launchPrinter: (options) => launchPrinter(options),
  now: () => performance.now(),
};

/**
 * One build, in the steps README.md lists. Only documents whose inputs changed since their PDF
 * was made are printed; with nothing to print, no browser starts. Every problem is collected
 * into the report; a document fails alone, and the others are still built.
 */
export async function runPipeline(config: BuildConfig, deps: PipelineDeps = defaultDeps): Promise<BuildReport> {
  const build = new Build(config, deps);
  const { log, cache } = build;
  // 1. load every input (read only), and what the last build wrote
  const loaded = await build.step('load', () => loadStep(config, cache));
  // 2. validate every input at once
  const validation = loaded && (await build.step('validate', () => validateStep(loaded, cache)));
  // 3. select this run's documents (--only, --shard): the run
  const run = loaded && validation && (await build.step('validate', () => selectStep(loaded, validation, build.world)));
  if (run === undefined) return build.report();
  const failedEarly = log.finishedCount();
  // 4. plan each page's data and each output's path (maps wait until a document is printed)
  const jobs = await build.step('plan', () => planStep(run));
  if (jobs === undefined) return build.report();
  const progress = build.progress(jobs.length + failedEarly);
  // 5. compare each output's inputs with the manifest; with nothing to do, no browser starts
  const changed = await build.step('plan', () => changesStep(run, jobs));
  if (changed === undefined) return build.report();
  build.tried = changed.tried;
  progress();
  const packs = (await build.step('plan', () => packsStep(run, jobs))) ?? [];
  if ((await build.step('plan', () => currentStep(run, changed, packs, log))) !== false) {
    await build.step('write', () => recordStep(run, jobs, changed, log));
    return build.report();
  }
  // 6. render and print each changed document, through one browser session
  const browser = new Browser(config, deps.launchPrinter);
  const rendering = await build.step('print', () => printStep(run, jobs, changed, browser, progress));
  // 7. the briefing packs, from the printed PDFs
  await build.step('print', () => packStep(run, packs, rendering, changed, browser, log));
  // 8. the manifest, written while the browser closes (render workers stay with a cache the caller keeps)
  const recorded = build.step('write', () => recordStep(run, jobs, changed, log));
  log.fold((await Promise.all([browser.close(), build.closeCache(), recorded]))[0]);
  return build.report();
}

/** One build's log and what its steps share with the outside world: the only place outcomes are folded in. */
class Build {
  readonly log: BuildLog;
  readonly cache: BuildCache;
  /** The fingerprints of the documents tried, for watch mode's failure memo. */
  tried: ReadonlyMap<string, string> = new Map();

  readonly world: World;

  constructor(
    config: BuildConfig,
    private readonly deps: PipelineDeps,
  ) {
    const templates = { folder: config.templatesDir, bundled: config.templatesDir === BUNDLED_TEMPLATES };
    this.log = new BuildLog(config.outDir, deps.now(), templates);
    this.cache = deps.cache ?? new BuildCache();
    this.world = { config, cache: this.cache, now: deps.now, failureMemo: deps.failureMemo };
  }

  /** Tells the caller how many documents of `total` are done: in the log, and in a step's outcome not folded in yet. */
  progress(total: number): (step?: Outcome) => void {
    return (step) => this.deps.onProgress?.(this.log.finishedCount(step), total);
  }

  /** Runs one step and folds its outcome in; a step that throws is one positioned error of its stage, and undefined. */
  async step<T>(stage: Stage, body: () => Stepped<T> | Promise<Stepped<T>>): Promise<T | undefined> {
    try {
      const { outcome, value } = await body();
      this.log.fold(outcome);
      return value;
    } catch (error) {
      this.log.fold(Outcome.failure(toFactsheetsError(error, { stage })));
      return undefined;
    }
  }

  /** Closes the render workers of a cache this build made (a caller's cache keeps them, for watch mode). */
  async closeCache(): Promise<void> {
    if (this.deps.cache === undefined) await this.cache.close();
  }

  report(): BuildReport {
    const done = this.log.report(this.deps.now());
    return this.deps.failureMemo?.settle(done, this.tried) ?? done;
  }
}
