import type { BuildConfig } from '../config.js';
import type { EmbeddedFonts, Printer } from '../browser/printer.js';
import type { BrandCoverage } from '../fonts/embed.js';
import type { ScreenEdition } from '../stages/finish.js';
import type { LoadedTemplates } from '../model/sources.js';
import type { Dataset, DocumentKind, FitRecord, HtmlPage, RenderJob } from '../model/documents.js';
import type { PageSizeMm } from '../pdf/facts.js';
import type { DocumentOutputKind, OutputKind } from './paths.js';

/**
 * One module per kind of output (screen.ts, print.ts, pack.ts), each behind the interfaces
 * below, found through `outputFor` (registry.ts): the rest of the build asks a kind's module
 * what it is called, where it goes, whether this build makes it, what its bytes depend on and
 * how it is made, rather than testing a job's edition or a path's shape. A new kind is its
 * module, a line in the registry and its paths in paths.ts (see CONTRIBUTING.md, "Adding an
 * output").
 */

/** How the reports name a kind of output. */
export interface OutputLabel {
  /** What a report calls one beside its document's name ("print edition"); absent for a document's own PDF. */
  readonly name?: string;
  /** The key of its counts in the `--json` summary (`printEditions`). */
  readonly summaryKey: string;
  /** A count of them as the summary line says it: "3 documents", "the briefing pack". */
  count(n: number): string;
}

/** What every kind of output says of itself. `Place` is what its path is made from. */
export interface OutputModule<Place> {
  readonly kind: OutputKind;
  readonly label: OutputLabel;
  /** Where it goes, relative to the output folder. */
  pathOf(place: Place): string;
  /** Whether a path (as a manifest lists it) is one of these. */
  holds(output: string): boolean;
  /** Whether this build makes it: its flag. */
  wanted(config: Pick<BuildConfig, 'printEdition' | 'skipPack'>): boolean;
  /** The command-line flag that asks for it (`--print`), for the hints; absent when no flag does. */
  readonly flag?: string;
  /** Whether its pages are copies of other outputs' pages (the pack's): a review compares it after them and explains it by them. */
  readonly madeOfOthers: boolean;
}

/** Any kind's module, for what every kind says (its path is asked of a kind's own module, with its place). */
export type AnyOutput = OutputModule<never>;

/** Where a document's outputs go: its kind, name and language, and the project's language. */
export interface DocumentPlace {
  readonly kind: DocumentKind;
  readonly baseName: string;
  readonly lang: string | undefined;
  readonly project: string;
}

/** What every document of a build is made with, whatever its output. */
export interface BuildMaterials {
  readonly printer: Printer;
  /** The fonts behind the reference that rendered pages carry. */
  readonly fonts: EmbeddedFonts;
  readonly coverage: BrandCoverage;
  readonly dataset: Dataset;
  readonly templates: LoadedTemplates;
}

/** Where a warning points when it is not the document's own file. */
export interface WarningPlace {
  readonly file: string;
  readonly line?: number | undefined;
}

/** What one document's output is made with: the build's materials, and what is the document's. */
export interface MakeContext extends BuildMaterials {
  /** Its creation date (SOURCE_DATE_EPOCH, else the document's date): never the clock. */
  readonly date: Date;
  /** A warning about the document; `at` when a template file is to fix, not the document. */
  readonly warn: (message: string, at?: WarningPlace) => void;
  /** The document's screen PDF as written: what an output made after it is checked against (a print edition's pages and trim). */
  readonly screen?: ScreenEdition;
}

/** An output as made, before it is written: its bytes, and what its manifest entry records of them. */
export interface Made {
  readonly bytes: Uint8Array;
  readonly pages: number;
  /** Its first page's size (a print edition's trim); absent from an output without pages of a set size. */
  readonly pageSize?: PageSizeMm;
  /** The fonts it embeds, by name. */
  readonly fonts: readonly string[];
  /** How a one-page layout was fitted to its page. */
  readonly fit?: FitRecord;
}

/**
 * An output made of one document: its own job (from the document's planned job) rendered, then
 * made from that HTML page by its module (`make`: a PDF output prints it, see printed-pdf.ts),
 * and written by the build. The screen PDF is made first; every other one after it.
 */
export interface DocumentOutput extends OutputModule<DocumentPlace> {
  readonly kind: DocumentOutputKind;
  /** Its job, from the document's planned job (the screen PDF's): its `edition`, its path, its view's `edition` flags. */
  jobOf(planned: RenderJob): RenderJob;
  /** What it adds to the build options its manifest's `options` input records (and a review reads). */
  readonly options: { readonly print: boolean };
  /** Its bytes from the document's rendered page (its job's): printed, checked and settled for a PDF. */
  make(page: HtmlPage, context: MakeContext): Promise<Made>;
}
