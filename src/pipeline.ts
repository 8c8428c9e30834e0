import type { BuildConfig } from './config.js';
import { FactsheetsError, toFactsheetsError } from './errors.js';
import { createEnvironment, type TemplateEnvironment } from './handlebars/environment.js';
import { finishPdf, fontNames } from './stages/finish.js';
import { datasetRowsHash, sha256, templatesHash, updateManifest, type ManifestEntry } from './stages/manifest.js';
import { VERSION } from './version.js';
import { loadAtlas, type Atlas } from './stages/atlas.js';
import { brandCoverage, embeddedFontFaces, type BrandCoverage } from './stages/fonts.js';
import { loadSources } from './stages/load.js';
import { outputPathFor, planJobs } from './stages/plan.js';
import { launchPrinter, type Printer, type PrinterOptions } from './stages/print.js';
import { renderPage } from './stages/render.js';
import { validateSources } from './stages/validate.js';
import { combineWriteErrors, OutputWriteError, prepareOutput, writeOutput } from './stages/write.js';
import type { BuildReport, BuildWarning, Document, DocumentKind, DocumentResult, HtmlPage, RenderJob } from './types.js';

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
  const started = deps.now();
  const errors: FactsheetsError[] = [];
  const warnings: BuildWarning[] = [];
  const results = new Map<string, DocumentResult>();
  const report = (): BuildReport => ({
    outDir: config.outDir,
    documents: [...results.values()],
    errors,
    warnings,
    seconds: (deps.now() - started) / 1000,
  });

  let sources;
  let fontFaces;
  let coverage: BrandCoverage;
  let atlas: Atlas;
  try {
    sources = await loadSources(config.contentDir, config.templatesDir);
    [fontFaces, coverage, atlas] = await Promise.all([embeddedFontFaces(), brandCoverage(), loadAtlas()]);
  } catch (error) {
    errors.push(toFactsheetsError(error, { stage: 'load' }));
    return report();
  }

  const validation = validateSources(sources);
  errors.push(...validation.errors);
  const selection = selectDocuments(config.only, validation.documents, validation.failed);
  if (selection instanceof FactsheetsError) {
    errors.push(selection);
    return report();
  }
  for (const failed of validation.failed.filter((entry) => selection.has(entry.name))) {
    results.set(failed.name, failedResult(failed.name, failed.kind, failed.source.displayPath));
  }

  const planned = planJobs(validation.documents.filter((document) => selection.has(document.name)), validation.dataset, atlas);
  for (const error of planned.errors) recordFailure(error);
  warnings.push(...planned.warnings);

  let templates: TemplateEnvironment;
  try {
    templates = createEnvironment(sources.templates, fontFaces);
  } catch (error) {
    const failure = toFactsheetsError(error, { stage: 'render' });
    errors.push(failure);
    for (const job of planned.jobs) markFailed(job);
    return report();
  }

  const pages: HtmlPage[] = [];
  for (const job of planned.jobs) {
    try {
      const page = renderPage(job, templates, config.contentDir);
      warnings.push(...page.warnings);
      pages.push(page);
    } catch (error) {
      recordFailure(toFactsheetsError(error, { stage: 'render' }), job);
    }
  }
  if (pages.length === 0) return report();

  let printer: Printer;
  try {
    await prepareOutput(config.outDir);
    printer = await deps.launchPrinter({ executable: config.browserExecutable, pages: config.jobs, timeoutMs: config.timeoutSeconds * 1000 });
  } catch (error) {
    errors.push(toFactsheetsError(error, { stage: 'print' }));
    for (const page of pages) markFailed(page.job);
    return report();
  }
  const writeFailures: OutputWriteError[] = [];
  const manifestEntries: ManifestEntry[] = [];
  const fontsHash = sha256(fontFaces);
  const templateHashes = new Map<string, string>();
  try {
    await Promise.all(pages.map(async (page) => {
      const { job } = page;
      const documentStarted = deps.now();
      try {
        const printed = await printer.print(page.html);
        for (const url of printed.blockedRequests) {
          warnings.push({ message: `blocked a request for ${url}`, file: job.document.source.displayPath, document: job.document.name });
        }
        const artifact = finishPdf(job, printed, creationDate(config, job.document), coverage);
        await writeOutput(config.outDir, job.outputPath, artifact.bytes);
        const milliseconds = Math.round(deps.now() - documentStarted);
        results.set(job.document.name, {
          name: job.document.name, kind: job.kind, source: job.document.source.displayPath,
          output: job.outputPath, status: 'built', pages: artifact.pages, milliseconds,
        });
        if (!templateHashes.has(job.layout)) templateHashes.set(job.layout, templatesHash(job.layout, sources.templates));
        manifestEntries.push({
          output: job.outputPath, name: job.document.name, kind: job.kind, source: job.document.source.displayPath,
          pages: artifact.pages, bytes: artifact.bytes.byteLength, sha256: sha256(artifact.bytes), fonts: fontNames(artifact.bytes),
          inputs: {
            source: sha256(job.document.source.text),
            dataset: datasetRowsHash(job, validation.dataset),
            templates: templateHashes.get(job.layout) ?? '',
            fonts: fontsHash,
            tool: VERSION,
            options: sha256(JSON.stringify({ sourceDateEpoch: config.sourceDateEpoch ?? null })),
          },
          renderMs: milliseconds,
        });
      } catch (error) {
        if (error instanceof OutputWriteError) {
          writeFailures.push(error);
          markFailed(job);
        } else {
          recordFailure(toFactsheetsError(error, { stage: 'print', file: job.document.source.displayPath }), job);
        }
      }
    }));
  } finally {
    await printer.close();
  }
  if (manifestEntries.length > 0) {
    try {
      await updateManifest(config.outDir, manifestEntries, { name: 'factsheets', version: VERSION });
    } catch (error) {
      if (error instanceof OutputWriteError) writeFailures.push(error);
      else errors.push(toFactsheetsError(error, { stage: 'write', file: config.outDir }));
    }
  }
  errors.push(...combineWriteErrors(config.outDir, writeFailures));
  return report();

  function markFailed(job: RenderJob): void {
    results.set(job.document.name, failedResult(job.document.name, job.kind, job.document.source.displayPath));
  }

  function recordFailure(error: FactsheetsError, job?: RenderJob): void {
    const name = job?.document.name ?? error.document;
    const named = job !== undefined && error.document === undefined
      ? error.within(`${job.kind} ${job.document.name}`, job.document.name)
      : error;
    errors.push(named);
    if (name === undefined) return;
    const document = job?.document ?? validation.documents.find((candidate) => candidate.name === name);
    if (document !== undefined) {
      const kind = document.meta.kind;
      results.set(name, failedResult(name, kind, document.source.displayPath));
    }
  }
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

function failedResult(name: string, kind: DocumentKind, source: string): DocumentResult {
  return { name, kind, source, output: outputPathFor(kind, name), status: 'failed' };
}

/** SOURCE_DATE_EPOCH, else the document's date, else a fixed date: never the clock. */
function creationDate(config: BuildConfig, document: Document): Date {
  if (config.sourceDateEpoch !== undefined) return new Date(config.sourceDateEpoch * 1000);
  return new Date(`${document.meta.date ?? '2000-01-01'}T00:00:00Z`);
}
