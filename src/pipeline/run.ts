import type { BuildConfig } from '../config.js';
import type { DeclaredFonts } from '../fonts/embed.js';
import type { EmbeddedFonts, Printer } from '../browser/printer.js';
import type { MessagesOf } from '../messages/bundled.js';
import { messagesFor } from '../messages/languages.js';
import { projectLanguage } from '../outputs/paths.js';
import type { LoadedSources, LoadedTemplates } from '../model/sources.js';
import type { RenderSetup } from '../stages/render/renderer.js';
import type { ValidationResult } from '../stages/validate.js';
import type { Dataset, Document, RenderJob, SettingsValues } from '../model/documents.js';
import type { BuildCache } from './cache.js';
import type { FailureMemo } from './failure-memo.js';
import { documentRows, type Manifest } from './manifest.js';
import type { ProduceContext } from './produce.js';
import type { Selection } from './select.js';

/** The fonts the templates declare, as a build uses them (see BuildCache.fontFaces). */
export type FontFaces = DeclaredFonts & { readonly hash: string; readonly embedded: EmbeddedFonts };

/** What the load step reads: the inputs, the declared fonts, and what the last build wrote. */
export interface Loaded {
  readonly sources: LoadedSources;
  readonly fonts: FontFaces;
  readonly previous: Manifest | undefined;
}

/**
 * One build's run, made once after validation and selection: everything the later steps
 * share (the configuration, the templates, the dataset, the fonts, this run's documents,
 * the previous manifest), so that no step takes a bag of some of it.
 */
export interface Run {
  readonly config: BuildConfig;
  readonly cache: BuildCache;
  readonly now: () => number;
  /** Watch mode's failed documents (see FailureMemo). */
  readonly failureMemo: FailureMemo | undefined;
  readonly templates: LoadedTemplates;
  readonly fonts: FontFaces;
  /** The declared fonts' hash: an input of every output. */
  readonly fontsHash: string;
  readonly validation: ValidationResult;
  readonly dataset: Dataset;
  readonly settings: SettingsValues;
  /** The project's language (see projectLanguage). */
  readonly project: string;
  /** This run's documents (`--only`, `--shard`). */
  readonly documents: readonly Document[];
  /** Every document in one run: only then are orphans removed and the packs made. */
  readonly complete: boolean;
  readonly previous: Manifest | undefined;
  /** A language's messages, checked against the templates. */
  readonly messagesOf: MessagesOf;
  /** How many dataset rows a job's figures come from. */
  readonly rowsOf: (job: RenderJob) => number;
}

/** The run of a build whose inputs are loaded and validated and whose documents are chosen. */
export function makeRun(
  loaded: Loaded,
  validation: ValidationResult,
  selection: Selection,
  world: Pick<Run, 'config' | 'cache' | 'now' | 'failureMemo'>,
): Run {
  const { templates } = loaded.sources;
  return {
    ...world,
    templates,
    fonts: loaded.fonts,
    fontsHash: loaded.fonts.hash,
    previous: loaded.previous,
    validation,
    dataset: validation.dataset,
    settings: validation.settings,
    project: projectLanguage(validation.settings),
    documents: selection.documents,
    complete: selection.complete,
    messagesOf: (lang) => messagesFor(lang, templates),
    rowsOf: (job) => documentRows(job, validation.dataset).length,
  };
}

/** What every page of the run is rendered with (in any thread). */
export function renderSetupOf(run: Pick<Run, 'config' | 'templates' | 'fonts'>): RenderSetup {
  const { contentDir, limits } = run.config;
  return { templates: run.templates, fontsReference: run.fonts.embedded.reference, contentDir, limits };
}

/** What the run's outputs are produced with on this printer; `warn` takes a warning about one job. */
export function produceContextOf(run: Run, printer: Printer, warn: ProduceContext['warn']): ProduceContext {
  const { config, dataset, templates, fontsHash, now } = run;
  return {
    config,
    printer,
    coverage: run.fonts.coverage,
    dataset,
    templates,
    fontsHash,
    fonts: run.fonts.embedded,
    now,
    warn,
  };
}
