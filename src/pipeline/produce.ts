import type { BuildConfig } from '../config.js';
import type { BuildWarning, Dataset, FitRecord, HtmlPage, PrintedPdf, RenderJob } from '../model/documents.js';
import { VERSION } from '../version.js';
import { FactsheetsError } from '../errors.js';
import { lowResolutionImages, prepressRules, proseUnderFitFloor, smallText } from '../stages/prepress.js';
import { fontNames, type ScreenEdition } from '../stages/finish.js';
import { firstPageSize, type PageSizeMm } from '../pdf/facts.js';
import { markedLanguages } from '../stages/render/inline-language.js';
import type { BrandCoverage } from '../fonts/embed.js';
import {
  datasetRowsHash,
  documentRows,
  sha256,
  templateFileHashes,
  templatesHash,
  type ManifestEntry,
} from './manifest.js';
import type { ReviewInputs } from '../review/record.js';
import type { LoadedTemplates } from '../model/sources.js';
import { pageSheetOf, typeSizeRuleOf } from '../stages/layout-sheets.js';
import type { EmbeddedFonts, Printer } from '../browser/printer.js';
import { writeOutput } from '../stages/write.js';
import { imagesNow, imagesUsed } from './image-inputs.js';
import { outputOfJob } from '../outputs/registry.js';

/** What every document of a build is produced with. */
export interface ProduceContext {
  readonly config: BuildConfig;
  readonly printer: Printer;
  readonly coverage: BrandCoverage;
  readonly dataset: Dataset;
  readonly templates: LoadedTemplates;
  readonly fontsHash: string;
  /** The fonts behind the reference that rendered pages carry. */
  readonly fonts: EmbeddedFonts;
  readonly now: () => number;
  /** A warning about a job's document; `at` when a template file is to fix, not the document. */
  readonly warn: (message: string, job: RenderJob, at?: WarningPlace) => void;
}

/** Where a warning points when it is not the document's own file. */
export interface WarningPlace {
  readonly file: string;
  readonly line?: number | undefined;
}

/** A warning about a job's document: at its Markdown, or at the template file `at` names. */
export function documentWarning(message: string, job: RenderJob, at?: WarningPlace): BuildWarning {
  return {
    // At a template file, the message says which document showed it.
    message: at === undefined ? message : `${job.kind} ${job.document.name}: ${message}`,
    file: at?.file ?? job.document.source.displayPath,
    ...(at?.line === undefined ? {} : { line: at.line }),
    document: job.document.name,
  };
}

export interface Produced {
  readonly pages: number;
  /** Its first page's size: a print edition's trim. */
  readonly pageSize: PageSizeMm;
  readonly milliseconds: number;
  readonly entry: ManifestEntry;
}

/**
 * One page to one PDF on disk: print, finish as its kind of output does (checks, reproducible
 * bytes, metadata; for the print edition, bleed and crop marks), write atomically, and describe
 * it for the manifest. `screen`: the document's screen PDF, for an output made after it.
 */
export async function produce(page: HtmlPage, context: ProduceContext, screen?: ScreenEdition): Promise<Produced> {
  const { job } = page;
  const started = context.now();
  const printed = await context.printer.print(page.html, { fonts: context.fonts });
  for (const url of printed.blockedRequests) context.warn(`blocked a request for ${url}`, job);
  const rules = prepressRules(page.html);
  const prose = proseUnderFitFloor(printed.textSizes ?? []);
  // The layout's style sheet set it: the error is the designer's, whichever document showed it.
  if (prose !== undefined)
    throw new FactsheetsError(prose.message, {
      ...prose.fields(),
      file: pageSheetOf(job.layout, context.templates),
      document: job.document.name,
    });
  // Type too small is the layout's: named at the style rule that sets it, whichever document showed it.
  const smallType = smallText(printed.textSizes ?? [], rules, (where) =>
    typeSizeRuleOf(where, job.layout, context.templates),
  );
  const coarseImages = lowResolutionImages(printed.images ?? [], rules);
  if (rules.failing && (coarseImages[0] ?? smallType[0]) !== undefined) throw coarseImages[0] ?? smallType[0];
  const warning = (problem: FactsheetsError) => `${problem.message}: ${lowercaseFirst(problem.hint ?? '')}`;
  // An image is the writer's (at the document that embeds it); a type size the designer's (at its rule).
  for (const problem of coarseImages) context.warn(warning(problem), job);
  for (const problem of smallType)
    context.warn(warning(problem), job, { file: problem.file ?? '', line: problem.line });
  const date = creationDate(context.config, job.document.meta.date);
  const images = imagesUsed(page, context.config);
  const phraseLanguages = markedLanguages(page.html, job.lang);
  const artifact = await outputOfJob(job).finish(job, {
    printed,
    date,
    coverage: context.coverage,
    dataset: context.dataset,
    templates: context.templates,
    phraseLanguages,
    warn: (message) => context.warn(message, job),
    ...(screen === undefined ? {} : { screen }),
  });
  await writeOutput(context.config.outDir, job.outputPath, artifact.bytes);
  const milliseconds = Math.round(context.now() - started);
  return {
    pages: artifact.pages,
    pageSize: firstPageSize(artifact.bytes),
    milliseconds,
    entry: {
      output: job.outputPath,
      name: job.document.name,
      kind: job.kind,
      source: job.document.source.displayPath,
      pages: artifact.pages,
      bytes: artifact.bytes.byteLength,
      sha256: sha256(artifact.bytes),
      fonts: fontNames(artifact.bytes),
      inputs: inputHashes(job, context, images.hash),
      ...(images.paths.length === 0 ? {} : { images: images.paths }),
      rows: documentRows(job, context.dataset).length,
      renderMs: milliseconds,
      ...fitRecord(printed),
      reviewInputs: reviewInputsOf(job, context),
    },
  };
}

/** The fit step and space budget of a fitted page, for its manifest entry. */
function fitRecord(printed: PrintedPdf): { fit?: FitRecord } {
  const fit = printed.fit;
  if (fit === undefined) return {};
  const { step, stepIndex, roomMm, roomLines, charsPerLine, bodyPt, lines } = fit;
  return {
    fit: {
      step,
      stepIndex,
      roomMm,
      roomLines,
      ...(charsPerLine === undefined ? {} : { charsPerLine }),
      bodyPt,
      ...(lines === undefined ? {} : { lines }),
    },
  };
}

/** Everything an output is made from, hashed: the basis for telling what a change affects. `images`: see image-inputs.ts. */
export function inputHashes(job: RenderJob, context: HashContext, images: string): Record<string, string> {
  return {
    source: sha256(job.document.source.text),
    images,
    dataset: datasetRowsHash(job, context.dataset),
    templates: templatesHash(job.layout, context.templates, job.lang),
    // The document's settings as resolved for it: only what a page prints from them counts.
    settings: sha256(JSON.stringify(job.view['settings'] ?? null)),
    // Renaming, adding or removing a brief renames its country in the factsheets of its language.
    names: sha256(JSON.stringify(job.countryNames ?? {})),
    fonts: context.fontsHash,
    tool: VERSION,
    options: sha256(JSON.stringify(buildOptions(job, context.config))),
  };
}

export type HashContext = Pick<ProduceContext, 'config' | 'dataset' | 'templates' | 'fontsHash'>;

/** What an output made before would be made from now: its images as they are on disk now. */
export function currentInputs(
  job: RenderJob,
  context: HashContext,
  entry: Pick<ManifestEntry, 'images'> | undefined,
): Record<string, string> {
  return inputHashes(job, context, imagesNow(entry?.images, context.config).hash);
}

/** What a review needs to explain a change of this output: the inputs themselves, not only their hashes. */
export function reviewInputsOf(
  job: RenderJob,
  context: Pick<ProduceContext, 'config' | 'dataset' | 'templates'>,
): ReviewInputs {
  return {
    source: job.document.source.text,
    rows: documentRows(job, context.dataset),
    templateFiles: templateFileHashes(job.layout, context.templates, job.lang),
    options: buildOptions(job, context.config),
  };
}

/** The build options that change a PDF's bytes (hashed as the `options` input), with what its kind of output adds. */
function buildOptions(job: RenderJob, config: BuildConfig): { sourceDateEpoch: number | null; print: boolean } {
  return { sourceDateEpoch: config.sourceDateEpoch ?? null, ...outputOfJob(job).options };
}

/** A PDF's creation date: SOURCE_DATE_EPOCH, else the document's date, else a fixed date; never the clock. */
export function creationDate(config: BuildConfig, documentDate: string | undefined): Date {
  if (config.sourceDateEpoch !== undefined) return new Date(config.sourceDateEpoch * 1000);
  return new Date(`${documentDate ?? '2000-01-01'}T00:00:00Z`);
}

function lowercaseFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
