import { isInside } from '../folders.js';
import { BuildCache } from './cache.js';
import type { BuildConfig } from '../config.js';
import { launchPrinter } from '../browser/launch.js';
import { printerOptionsFor, runPipeline } from './pipeline.js';
import { planJobs } from '../stages/plan.js';
import { renderSetupOf } from './run.js';
import { loadStep, selectStep, validateStep } from './steps.js';
import type { Printer, PrinterOptions } from '../browser/printer.js';
import type { BuildReport } from '../model/documents.js';
import { FailureMemo } from './failure-memo.js';
import { watchFolders } from './folder-watcher.js';

/** chokidar's window for change events of one file (later ones inside it are dropped). */
const CHANGE_WINDOW_MS = 50;

/** Files whose contents a failed document's fingerprint records (Markdown, settings, messages, dataset, templates, styles). */
const FINGERPRINTED = /\.(?:md|ya?ml|csv|xlsx|hbs|css)$/i;

export interface WatchOptions {
  /** Called with each build's report: the first, then one per change. */
  readonly onBuild: (report: BuildReport, first: boolean) => void;
  /** Called once the watcher is ready for changes. */
  readonly onReady: () => void;
  /** Quiet time after the last change before rebuilding, in ms (editors save in bursts). */
  readonly debounceMs?: number;
}

/**
 * Builds, then rebuilds whenever content or templates change, until `stop()` is called. The
 * browser, fonts and boundaries stay loaded between builds; each rebuild prints only what the
 * change affects. A broken edit is reported like any build error and the watcher goes on.
 */
export async function watchBuild(config: BuildConfig, options: WatchOptions): Promise<{ stop: () => Promise<void> }> {
  const cache = new BuildCache();
  let warm: Promise<Printer> | undefined;
  const keepWarm = (printerOptions: PrinterOptions): Promise<Printer> => {
    warm ??= launchPrinter(printerOptions);
    // Builds "close" their printer when done; the warm one stays open until the watcher stops.
    return warm.then((printer) => ({
      print: (html, printOptions) => printer.print(html, printOptions),
      warm: async (html, fonts) => printer.warm?.(html, fonts),
      close: async () => undefined,
    }));
  };
  // A document that failed is tried again only when its inputs change (a full build always tries again).
  const failureMemo = new FailureMemo();
  const build = () =>
    runPipeline(config, { launchPrinter: keepWarm, now: () => performance.now(), cache, failureMemo });

  const first = await build();
  options.onBuild(first, true);
  // Warm before the first change, not at it: the browser (even when the first build printed
  // nothing), its pages with the fonts loaded, the boundaries, and the code that prints.
  await keepWarm(printerOptionsFor(config))
    .then((printer) => warmUp(config, cache, printer))
    .catch(() => undefined);

  let timer: NodeJS.Timeout | undefined;
  let recheckTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let again = false;
  let lastErrors = first.errors.map((error) => error.message).join('\n');
  let loud = false;
  const enqueue = (quiet: boolean): void => {
    // A change merged into a pending quiet check still gets its report.
    if (!quiet) loud = true;
    // One build at a time; changes during a build trigger one more after it.
    if (again) return;
    again = true;
    running = running.then(async () => {
      again = false;
      const speak = loud;
      loud = false;
      const report = await build();
      const errors = report.errors.map((error) => error.message).join('\n');
      const news = report.documents.some((document) => document.status === 'built') || errors !== lastErrors;
      lastErrors = errors;
      if (speak || news) options.onBuild(report, false);
    });
  };
  const schedule = (path?: string): void => {
    // The memo's fingerprints hold no image a failed document had not yet been seen to use: another file changed, every failure is tried again.
    if (path === undefined || !FINGERPRINTED.test(path)) failureMemo.forget();
    clearTimeout(timer);
    timer = setTimeout(() => enqueue(false), options.debounceMs ?? 20);
    // chokidar passes on one change per file in 50 ms and drops the rest, so a second save
    // soon after the first would go unseen: a quiet check follows each burst, and speaks
    // only if it finds something the last build did not.
    clearTimeout(recheckTimer);
    recheckTimer = setTimeout(() => enqueue(true), CHANGE_WINDOW_MS + 30);
  };
  // Survives a folder replaced; the output folder (it may sit inside the content folder) is the build's own writing.
  const watcher = await watchFolders([config.contentDir, config.templatesDir], {
    ignored: (path) => isBuildOwn(path, config.outDir),
    onChange: schedule,
  });
  options.onReady();

  return {
    stop: async () => {
      clearTimeout(timer);
      clearTimeout(recheckTimer);
      await watcher.close();
      await running;
      if (warm !== undefined) await (await warm.catch(() => undefined))?.close();
      await cache.close();
    },
  };
}

/** A temporary file of an atomic write, or anything in the output folder. */
function isBuildOwn(path: string, outDir: string): boolean {
  return /(^|\/)\.[^/]*\.tmp$/.test(path) || isInside(outDir, path);
}

/**
 * Watch mode's warm-up: renders one document and prints it on every page of the pool, writing
 * nothing, so that the first change finds the pages with the fonts loaded and the code that
 * renders (in the render workers), prints and finishes already compiled. Broken content just means a colder start.
 */
async function warmUp(config: BuildConfig, cache: BuildCache, printer: Printer): Promise<void> {
  const [{ value: loaded }, maps, { finishPdf }] = await Promise.all([
    loadStep(config, cache),
    cache.mapMaker(),
    import('../stages/finish.js'),
  ]);
  // The build's own first steps, over every document (--only and --shard choose among the valid ones).
  const validation = validateStep(loaded, cache).value;
  const run = selectStep(loaded, validation, {
    config,
    cache,
    now: () => performance.now(),
    failureMemo: undefined,
  }).value;
  if (run === undefined) return;
  const documents = [...run.validation.documents].sort(
    (a, b) => Number(b.meta.kind === 'one-pager') - Number(a.meta.kind === 'one-pager'),
  );
  const job = planJobs(documents.slice(0, 1), run.dataset, maps, run.settings, run.messagesOf).jobs[0];
  if (job === undefined) return;
  const renderer = await cache.renderWorkers(renderSetupOf(run), config.timeoutSeconds * 1000);
  const page = await renderer.render(job);
  const printed = await Promise.all(
    Array.from({ length: config.browserPages }, () => printer.print(page.html, { fonts: run.fonts.embedded })),
  );
  if (printed[0] !== undefined) finishPdf(job, printed[0], new Date(0), run.fonts.coverage);
}
