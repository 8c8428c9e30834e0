import { FactsheetsError, toFactsheetsError } from '../errors.js';
import { withLocatorMap } from '../stages/plan.js';
import type { DocumentOutput } from '../outputs/output.js';
import { outputsAfterScreen } from '../outputs/registry.js';
import type { HtmlPage, RenderJob } from '../model/documents.js';
import type { Outcome } from './outcome.js';
import type { ManifestEntry } from './manifest.js';
import type { PrintSession } from './print-session.js';
import { documentWarning, produce, type ProduceContext } from './produce.js';
import { produceContextOf, type Run } from './run.js';
import { runLimited } from './run-limited.js';
import { firstPageSize, type PageSizeMm } from '../pdf/facts.js';
import { readConfinedFile } from '../stages/confined-files.js';

/** What printing the out-of-date documents works with, besides the run. */
export interface DocumentPrinting {
  /** Where this step records what it did (its own, returned to the pipeline). */
  readonly log: Outcome;
  readonly session: PrintSession;
  /** A job to its HTML page (rejects on a template or Markdown error, or past the deadline). */
  readonly renderPage: (job: RenderJob) => Promise<HtmlPage>;
  /** Outputs that are up to date, by output path: not printed again. */
  readonly upToDate: ReadonlyMap<string, ManifestEntry>;
  readonly progress: () => void;
}

/**
 * Renders and prints each job: maps laid out and pages rendered as printing goes, a few
 * documents ahead of the browser (no more), so that Node's work overlaps the browser's and
 * memory does not grow with the number of documents. Each document fails alone.
 */
export async function printDocuments(run: Run, jobs: readonly RenderJob[], printing: DocumentPrinting): Promise<void> {
  const { log } = printing;
  await runLimited(jobs, run.config.browserPages * 2, async (job) => {
    try {
      await printDocument(run, job, printing);
    } catch (error) {
      log.jobFailed(job, error);
    } finally {
      printing.progress();
    }
  });
}

async function printDocument(run: Run, planned: RenderJob, printing: DocumentPrinting): Promise<void> {
  const { log, session, upToDate } = printing;
  const located = withLocatorMap(planned, await run.cache.mapMaker());
  if (located.warning !== undefined) log.warnings.push(located.warning);
  const { job } = located;
  const page = await render(job, printing);
  if (page === undefined) return;
  session.warm(page.html, run.fonts.embedded);
  const printer = await session.printer();
  if (printer instanceof FactsheetsError) {
    // The session reported why, once for the build.
    log.jobFailedElsewhere(job);
    return;
  }
  const context = produceContextOf(run, printer, (message, about, at) =>
    log.warnings.push(documentWarning(message, about, at)),
  );
  const known = upToDate.get(job.outputPath);
  const screen =
    known === undefined
      ? await produce(page, context)
      : { pages: known.pages, milliseconds: 0, entry: known, pageSize: undefined };
  if (known === undefined) {
    log.manifest.push(screen.entry);
    log.built(job, screen.pages, screen.milliseconds);
  } else {
    log.unchanged(job, screen.entry);
  }
  // Then the document's other outputs this build makes (its print edition with --print), after its screen PDF.
  for (const output of outputsAfterScreen())
    if (output.wanted(run.config)) await outputAfterScreen(output, run, job, screen, context, printing);
}

/** Another output of a document whose screen PDF is written (its print edition): fails alone, under its own path. */
async function outputAfterScreen(
  output: DocumentOutput,
  run: Run,
  job: RenderJob,
  screen: { readonly pages: number; readonly pageSize: PageSizeMm | undefined },
  context: ProduceContext,
  printing: DocumentPrinting,
): Promise<void> {
  const { log, upToDate } = printing;
  const edition = output.jobOf(job);
  const known = upToDate.get(edition.outputPath);
  if (known !== undefined) {
    log.unchanged(edition, known);
    return;
  }
  const page = await render(edition, printing);
  if (page === undefined) return;
  try {
    // A screen PDF this build kept is read back for its page size (the print edition's trim).
    const pageSize =
      screen.pageSize ??
      firstPageSize(
        await readConfinedFile({ root: run.config.outDir, name: 'the output folder', stage: 'load' }, job.outputPath),
      );
    const printed = await produce(page, context, { pages: screen.pages, pageSize });
    log.manifest.push(printed.entry);
    log.built(edition, printed.pages, printed.milliseconds);
  } catch (error) {
    log.jobFailed(edition, error);
  }
}

async function render(job: RenderJob, { renderPage, log }: DocumentPrinting): Promise<HtmlPage | undefined> {
  try {
    const page = await renderPage(job);
    for (const warning of page.warnings) log.warnings.push(warning);
    return page;
  } catch (error) {
    log.jobFailed(job, toFactsheetsError(error, { stage: 'render' }));
    return undefined;
  }
}
