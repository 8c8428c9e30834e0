import { BuildLog } from './build-log.js';
import type { BuildConfig } from './config.js';
import { FactsheetsError, toFactsheetsError } from './errors.js';
import { createEnvironment, type TemplateEnvironment } from './handlebars/environment.js';
import { loadAtlas } from './stages/atlas.js';
import { brandCoverage, embeddedFontFaces } from './stages/fonts.js';
import { loadSources } from './stages/load.js';
import { sha256, updateManifest } from './stages/manifest.js';
import { planJobs, printEditionOf } from './stages/plan.js';
import { launchPrinter, type Printer, type PrinterOptions } from './stages/print.js';
import { PACK_LAYOUT, PACK_OUTPUT, type BuiltPart } from './stages/pack.js';
import { produce, type ProduceContext } from './stages/produce.js';
import { producePack } from './stages/produce-pack.js';
import { renderPage } from './stages/render.js';
import { validateSources } from './stages/validate.js';
import { OutputWriteError, prepareOutput } from './stages/write.js';
import type { BuildReport, Document, HtmlPage, RenderJob } from './types.js';
import { VERSION } from './version.js';

/** What the pipeline needs from the outside world; tests replace the printer. */
export interface PipelineDeps {
  readonly launchPrinter: (options: PrinterOptions) => Promise<Printer>;
  readonly now: () => number;
}

const defaultDeps: PipelineDeps = { launchPrinter, now: () => performance.now() };

/**
 * One build: load → validate → plan → render → print → finish → write. Every problem is
 * collected into the report; a document fails alone, and the others are still built.
 */
export async function runPipeline(config: BuildConfig, deps: PipelineDeps = defaultDeps): Promise<BuildReport> {
  const log = new BuildLog(config.outDir, deps.now());
  const done = (): BuildReport => log.report(deps.now());

  // load: content, templates, fonts and boundaries (read only)
  let sources;
  let fontFaces;
  let coverage;
  let atlas;
  try {
    sources = await loadSources(config.contentDir, config.templatesDir);
    [fontFaces, coverage, atlas] = await Promise.all([embeddedFontFaces(), brandCoverage(), loadAtlas()]);
  } catch (error) {
    log.errors.push(toFactsheetsError(error, { stage: 'load' }));
    return done();
  }

  // validate: every input at once
  const validation = validateSources(sources);
  log.errors.push(...validation.errors);
  const selection = selectDocuments(config.only, validation.documents, validation.failed);
  if (selection instanceof FactsheetsError) {
    log.errors.push(selection);
    return done();
  }
  for (const failed of validation.failed.filter((entry) => selection.has(entry.name))) {
    log.failed(failed.name, failed.kind, failed.source.displayPath);
  }

  // plan: view models and output paths
  const planned = planJobs(validation.documents.filter((document) => selection.has(document.name)), validation.dataset, atlas);
  for (const error of planned.errors) {
    log.errors.push(error);
    const document = validation.documents.find((candidate) => candidate.name === error.document);
    if (document !== undefined) log.failed(document.name, document.meta.kind, document.source.displayPath);
  }
  log.warnings.push(...planned.warnings);

  // render: HTML pages
  let templates: TemplateEnvironment;
  try {
    templates = createEnvironment(sources.templates, fontFaces);
  } catch (error) {
    log.errors.push(toFactsheetsError(error, { stage: 'render' }));
    for (const job of planned.jobs) log.failed(job.document.name, job.kind, job.document.source.displayPath);
    return done();
  }
  const render = (job: RenderJob): HtmlPage | undefined => {
    try {
      const page = renderPage(job, templates, config.contentDir);
      log.warnings.push(...page.warnings);
      return page;
    } catch (error) {
      log.jobFailed(job, toFactsheetsError(error, { stage: 'render' }));
      return undefined;
    }
  };
  const pages = planned.jobs.map(render).filter((page): page is HtmlPage => page !== undefined);
  if (pages.length === 0) return done();

  // print, finish, write: one browser, every document through it
  let printer: Printer;
  try {
    await prepareOutput(config.outDir);
    printer = await deps.launchPrinter({ executable: config.browserExecutable, pages: config.jobs, timeoutMs: config.timeoutSeconds * 1000 });
  } catch (error) {
    log.errors.push(toFactsheetsError(error, { stage: 'print' }));
    for (const page of pages) log.failed(page.job.document.name, page.job.kind, page.job.document.source.displayPath);
    return done();
  }
  const context: ProduceContext = {
    config, printer, coverage, dataset: validation.dataset, templates: sources.templates, fontsHash: sha256(fontFaces), now: deps.now,
    warn: (message, job) => log.warnings.push({ message, file: job.document.source.displayPath, document: job.document.name }),
  };
  const built: BuiltPart[] = [];
  try {
    await Promise.all(pages.map(async (page) => {
      try {
        const screen = await produce(page, context);
        log.manifest.push(screen.entry);
        if (config.printEdition) {
          const printPage = render(printEditionOf(page.job));
          if (printPage !== undefined) log.manifest.push((await produce(printPage, context, screen.pages)).entry);
        }
        log.built(page.job, screen.pages, screen.milliseconds);
        built.push({ job: page.job, pages: screen.pages });
      } catch (error) {
        log.jobFailed(page.job, error);
      }
    }));

    // the briefing pack: only from a complete, successful build of every document
    const packSkipped = config.only !== undefined ? 'only part of the documents were built (--only)'
      : !sources.templates.layouts.has(PACK_LAYOUT) ? `the templates have no ${PACK_LAYOUT} layout`
        : log.hasFailures() ? 'some documents failed' : undefined;
    if (packSkipped === undefined) {
      try {
        const entry = await producePack(built, templates, context);
        if (entry !== undefined) log.manifest.push(entry);
      } catch (error) {
        log.errors.push(toFactsheetsError(error, { stage: 'print', file: PACK_OUTPUT }).within('briefing pack'));
      }
    } else if (config.only === undefined) {
      log.warnings.push({ message: `${PACK_OUTPUT} was not rebuilt: ${packSkipped}` });
    }
  } finally {
    await printer.close();
  }

  // the manifest: what is in the output folder now
  if (log.manifest.length > 0) {
    try {
      await updateManifest(config.outDir, log.manifest, { name: 'factsheets', version: VERSION });
    } catch (error) {
      if (error instanceof OutputWriteError) log.writeFailed(error);
      else log.errors.push(toFactsheetsError(error, { stage: 'write', file: config.outDir }));
    }
  }
  return done();
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
