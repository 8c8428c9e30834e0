import type { BuildConfig } from '../config.js';
import type { BuildWarning, HtmlPage, RenderJob } from '../model/documents.js';
import { VERSION } from '../version.js';
import type { ScreenEdition } from '../stages/finish.js';
import type { PageSizeMm } from '../pdf/facts.js';
import {
  datasetRowsHash,
  documentRows,
  sha256,
  templateFileHashes,
  templatesHash,
  type ManifestEntry,
} from './manifest.js';
import type { ReviewInputs } from '../review/record.js';
import { writeOutput } from '../stages/write.js';
import { imagesNow, imagesUsed } from './image-inputs.js';
import type { BuildMaterials, MakeContext, WarningPlace } from '../outputs/output.js';
import { outputOfJob } from '../outputs/registry.js';

/** What every document of a build is produced with: the materials its outputs are made with, and the build's. */
export interface ProduceContext extends BuildMaterials {
  readonly config: BuildConfig;
  readonly fontsHash: string;
  readonly now: () => number;
  /** A warning about a job's document; `at` when a template file is to fix, not the document. */
  readonly warn: (message: string, job: RenderJob, at?: WarningPlace) => void;
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
  /** Its first page's size: a print edition's trim (absent from an output without pages of a set size). */
  readonly pageSize: PageSizeMm | undefined;
  readonly milliseconds: number;
  readonly entry: ManifestEntry;
}

/**
 * One page to one output on disk: made as its kind of output makes it (its module's `make`: for
 * a PDF, printed, checked and finished; for the print edition, with bleed and crop marks), written
 * atomically, and described for the manifest. `screen`: the document's screen PDF, for an output
 * made after it.
 */
export async function produce(page: HtmlPage, context: ProduceContext, screen?: ScreenEdition): Promise<Produced> {
  const { job } = page;
  const started = context.now();
  const made = await outputOfJob(job).make(page, makeContextOf(job, context, screen));
  const images = imagesUsed(page, context.config);
  await writeOutput(context.config.outDir, job.outputPath, made.bytes);
  const milliseconds = Math.round(context.now() - started);
  return {
    pages: made.pages,
    pageSize: made.pageSize,
    milliseconds,
    entry: {
      output: job.outputPath,
      name: job.document.name,
      kind: job.kind,
      source: job.document.source.displayPath,
      pages: made.pages,
      bytes: made.bytes.byteLength,
      sha256: sha256(made.bytes),
      fonts: [...made.fonts],
      inputs: inputHashes(job, context, images.hash),
      ...(images.paths.length === 0 ? {} : { images: images.paths }),
      rows: documentRows(job, context.dataset).length,
      renderMs: milliseconds,
      ...(made.fit === undefined ? {} : { fit: made.fit }),
      reviewInputs: reviewInputsOf(job, context),
    },
  };
}

/** What a job's output is made with: the build's materials, its date, and warnings about its document. */
function makeContextOf(job: RenderJob, context: ProduceContext, screen: ScreenEdition | undefined): MakeContext {
  const { printer, fonts, coverage, dataset, templates } = context;
  return {
    printer,
    fonts,
    coverage,
    dataset,
    templates,
    date: creationDate(context.config, job.document.meta.date),
    warn: (message, at) => context.warn(message, job, at),
    ...(screen === undefined ? {} : { screen }),
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
