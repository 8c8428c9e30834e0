import type { FactsheetsError } from '../errors.js';
import type { FitOutcome, PageBudget, TooWide } from './fit.js';

/** What a PDF says about itself: its Info dictionary. */
export interface DocumentInfo {
  readonly title: string;
  readonly author?: string;
  readonly subject?: string;
  readonly keywords: readonly string[];
  readonly creator: string;
}

/** A file read by the load stage. `path` is relative to its root folder, with `/` separators. */
export interface SourceFile {
  /** The path to show in messages, relative to the working directory. */
  readonly displayPath: string;
  /** The absolute path on disk. */
  readonly absolutePath: string;
  readonly text: string;
  /** Set when the file was not read (past a size limit): why; `text` is then empty. */
  readonly refused?: FactsheetsError;
}

export type DocumentKind = 'factsheet' | 'one-pager';

/** A quote shown in a factsheet's quote band. */
export interface Quote {
  readonly text: string;
  readonly author: string;
  readonly role?: string;
}

/** A key figure: a named number from `figures`, shown large with a label. */
export interface KeyFigure {
  readonly figure: string;
  readonly label: string;
  readonly format: 'money' | 'number';
}

/** A chart of named figures: bars compare them, or (`shares`) show them as parts of their sum. */
export interface FigureChart {
  readonly title: string;
  readonly bars: readonly { readonly figure: string; readonly label: string }[];
  readonly shares: boolean;
}

/**
 * A project's programme words and conventions (content/factsheets.yml), or the ones a
 * document's front matter overrides; unset values fall back to plan/settings.ts's defaults.
 */
export interface SettingsValues {
  readonly series?: string;
  /** Written as the PDFs' Author unless a document names its own. */
  readonly publisher?: string;
  /** A one-pager's kicker; may use {series} and {title}. */
  readonly kicker?: string;
  /** A factsheet's masthead kicker, above its title; may use {series} and {title}. */
  readonly factsheetKicker?: string;
  /** A factsheet's running head on pages 2 and on; may use {series} and {title}. */
  readonly runningHead?: string;
  readonly footerNote?: string;
  /** ISO 4217 code of the amounts (default EUR). */
  readonly currency?: string;
  readonly language?: string;
  /** The label of a one-pager's funding total. */
  readonly fundingLabel?: string;
  /** The caption of a factsheet's table of country totals. */
  readonly countriesCaption?: string;
  /** The sheet of funding.xlsx that holds the dataset (project only; default: the first sheet). */
  readonly datasetSheet?: string;
  /** The briefing pack's title on its cover and in its Info (project only). */
  readonly packTitle?: string;
  /** Dataset countries that have no document on purpose (project only): their rows are not reported as left out. */
  readonly countriesWithoutBrief?: readonly string[];
  /** The print editions' CMYK output profile (project only): its absolute path, as validated (see validateSettings). */
  readonly printProfile?: string;
  /** Each language's own words for these settings (project only): its editions print them. */
  readonly languages?: Readonly<Record<string, SettingsValues>>;
  /** The layouts' own settings (project only, `layout:`): a layout reads them as settings.layout.NAME. */
  readonly layout?: Readonly<Record<string, LayoutSettingValue>>;
}

/** A value of the layouts' own settings. */
export type LayoutSettingValue = string | number | boolean;

/** Front matter of a factsheet, after validation. */
export interface FactsheetMeta {
  readonly kind: 'factsheet';
  readonly title: string;
  readonly subtitle?: string;
  readonly date?: string;
  readonly template: string;
  readonly figures: Readonly<Record<string, number>>;
  readonly keyFigures: readonly KeyFigure[];
  readonly quotes: readonly Quote[];
  readonly charts: readonly FigureChart[];
  /** ISO codes of the countries whose dataset totals the factsheet tabulates. */
  readonly countries: readonly string[];
  /** Pages the factsheet may take (front matter page_budget), over its layout's budget. */
  readonly pageBudget?: number;
  readonly author?: string;
  readonly keywords: readonly string[];
  /** Settings this document overrides in its front matter. */
  readonly overrides?: SettingsValues;
}

/** Front matter of a country one-pager, after validation. */
export interface OnePagerMeta {
  readonly kind: 'one-pager';
  readonly name: string;
  readonly iso: string;
  readonly role?: string;
  readonly summary?: string;
  readonly date?: string;
  readonly template: string;
  readonly author?: string;
  readonly keywords: readonly string[];
  /** Settings this document overrides in its front matter. */
  readonly overrides?: SettingsValues;
}

/** A content document: validated front matter plus its Markdown body. */
export interface Document {
  /** The document's name: its file name without `.md` (`mali`, or `mali.fr` for an edition). */
  readonly name: string;
  /** The name its editions share, and its PDF's file name (`mali`). */
  readonly baseName: string;
  /** The language the document states (file name or front matter); undefined: the project's. */
  readonly lang: string | undefined;
  readonly source: SourceFile;
  readonly meta: FactsheetMeta | OnePagerMeta;
  /** The Markdown body with the front matter blanked out, so line numbers match the file. */
  readonly body: string;
  /** Line of each top-level front-matter key, for pointing errors at the right place. */
  readonly keyLines: Readonly<Record<string, number>>;
  /** The whole front matter as plain data, for fields that custom templates add. */
  readonly data: Readonly<Record<string, unknown>>;
}

export type FundingStatus = 'committed' | 'contracted' | 'paid';

/** One validated row of the funding dataset. */
export interface FundingRecord {
  readonly country: string;
  readonly instrument: string;
  readonly programme?: string;
  readonly sector?: string;
  readonly year: number;
  readonly amountEur: number;
  readonly status: FundingStatus;
  readonly source?: string;
  /** Line of the row in the CSV file (1-based; the header is line 1). */
  readonly line: number;
}

/** The funding dataset: valid rows, plus which countries have bad rows. */
export interface Dataset {
  readonly file: string;
  readonly records: readonly FundingRecord[];
  /**
   * ISO codes with at least one invalid row. `'*'` means a row or the header could not
   * be attributed to a country, so every document that uses the dataset must fail.
   */
  readonly taintedCountries: ReadonlySet<string>;
  /** Set for a workbook's dataset: its sheet and country column, so that rows are named by cell (`Funding!A12`). */
  readonly sheet?: { readonly name: string; readonly countryColumn: number };
  /** Where each valid row's cells are, by column name (1-based column on its CSV line, or the sheet's column number): to name a cell in a message. */
  readonly cells?: ReadonlyMap<FundingRecord, Readonly<Record<string, number>>>;
}

/** A document ready to render: its view model and where its PDF goes. */
export interface RenderJob {
  readonly document: Document;
  readonly kind: DocumentKind;
  readonly layout: string;
  /** The edition's language (BCP 47): its words, its figures' formats, its PDF's /Lang. */
  readonly lang: string;
  /** Output path relative to the output folder, e.g. `countries/mali.pdf`. */
  readonly outputPath: string;
  readonly view: Readonly<Record<string, unknown>>;
  /** One-pagers must print on exactly this many pages; factsheets have no limit. */
  readonly maxPages?: number;
  /** The PDF's Info dictionary. */
  readonly info: DocumentInfo;
  /** A factsheet's countries' names as it prints them, by ISO code: its language's briefs' (other documents), else CLDR's. An input of its PDF. */
  readonly countryNames?: Readonly<Record<string, string>>;
  /** Which output of the document this job makes: absent for its screen PDF, `print` for its print edition (under print/). */
  readonly edition?: 'print';
}

export interface HtmlPage {
  readonly job: RenderJob;
  readonly html: string;
  /** What rendering removed (e.g. an image from outside the content folder). */
  readonly warnings: readonly BuildWarning[];
  /** Every image file the page asked for, found or not, and what reading it gave: inputs of its PDF. */
  readonly images?: readonly { readonly path: string; readonly state: string }[];
}

/** A raster image as its page printed it: its pixels and its printed size in CSS pixels (96 to the inch). */
export interface PrintedImage {
  /** The file it came from (`content/countries/images/map.png`, `templates/assets/logo.png`); empty if unknown. */
  readonly name: string;
  readonly pixelsWide: number;
  readonly pixelsHigh: number;
  readonly printedWidthPx: number;
  readonly printedHeightPx: number;
}

/** The size a run of text prints at, and where: the element (`text.bar-chart__label`) and its first words. */
export interface PrintedTextSize {
  readonly pt: number;
  readonly where: string;
  readonly sample: string;
  /** A block (paragraph, list item, quote) of the prose that fitting sizes ([data-fit-prose]), at its own size; false for every run of text. */
  readonly inProse: boolean;
}

/** A printed PDF plus what the browser measured while printing it. */
export interface PrintedPdf {
  readonly bytes: Uint8Array;
  /** How far the content runs past the first page's bottom, in millimetres (≤ 0 if it fits). */
  readonly overflowMm: number;
  /** Requests the page tried to make, all blocked. */
  readonly blockedRequests: readonly string[];
  /** Its raster images as printed (for the resolution check); absent from printers that do not measure them. */
  readonly images?: readonly PrintedImage[];
  /** Every size its text prints at, smallest first (for the type-size checks). */
  readonly textSizes?: readonly PrintedTextSize[];
  /** The page's text, for checking that the fonts have every character. */
  readonly text: string;
  /** The text of every heading, in document order, for the outline's titles. */
  readonly headings: readonly string[];
  /** How a one-page layout was fitted to its page, and the room it left (see browser/measure.ts). */
  readonly fit?: FitOutcome | undefined;
  /** Content wider than the page's text block, which Chromium would shrink the whole document for. */
  readonly tooWide?: TooWide | undefined;
  /** The pages a flowing layout may take, as it declares them (see browser/measure.ts). */
  readonly budget?: PageBudget | undefined;
}

/** How a one-pager was fitted, as manifest.json and --json record it. */
export type FitRecord = Pick<
  FitOutcome,
  'step' | 'stepIndex' | 'roomMm' | 'roomLines' | 'charsPerLine' | 'bodyPt' | 'lines'
>;

export interface Artifact {
  readonly job: RenderJob;
  readonly bytes: Uint8Array;
  readonly pages: number;
}

/** `unchanged`: its PDF is up to date (same inputs as when it was built), so it was not printed. */
export type DocumentStatus = 'built' | 'unchanged' | 'failed';

/** What a written PDF is: a document's own, or the briefing pack made of them. */
export type OutputKind = DocumentKind | 'briefing-pack';

/** One PDF of a build: a document's (screen or print edition), or the briefing pack. */
export interface DocumentResult {
  readonly name: string;
  readonly kind: OutputKind;
  /** `print` on a document's print edition (under print/, with bleed and crop marks); absent on the screen edition and the pack. */
  readonly edition?: 'print';
  readonly source: string;
  readonly output: string;
  readonly status: DocumentStatus;
  readonly pages?: number;
  readonly milliseconds?: number;
  /** A one-pager's fit step and space budget (see FitRecord). */
  readonly fit?: FitRecord;
  /** A document's dataset rows: how many its figures are made from. */
  readonly rows?: number;
  /** When this build did not make it again and its previous PDF is kept: why that PDF is out of date. */
  readonly outOfDate?: string;
}

/** A PDF in the output folder that is kept but no longer agrees with its inputs, and why. */
export interface OutOfDateOutput {
  readonly output: string;
  readonly name: string;
  readonly reason: string;
}

/** Something a build did not stop for but a person should see (e.g. a blocked request). */
export interface BuildWarning {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly document?: string;
}

/** What a build did: the CLI turns it into text or JSON and an exit code. */
export interface BuildReport {
  readonly outDir: string;
  /** The templates folder the build used, and whether it is the bundled one (else the project's own, or --templates). */
  readonly templates?: { readonly folder: string; readonly bundled: boolean };
  readonly documents: readonly DocumentResult[];
  readonly errors: readonly FactsheetsError[];
  readonly warnings: readonly BuildWarning[];
  /** Worth knowing, not wrong: a page printed at a denser step, or with little room left. */
  readonly notes?: readonly BuildWarning[];
  /** Every PDF of the output folder that is kept but out of date (a failed document's last good PDF, a print edition left from an earlier build). */
  readonly outOfDate?: readonly OutOfDateOutput[];
  /** Watch mode: documents not tried again because their inputs are those they failed with (their errors are in `errors`, as before). */
  readonly stillFailing?: readonly string[];
  readonly seconds: number;
}
