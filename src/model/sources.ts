import type { FactsheetsError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { SourceFile } from './documents.js';

/** The inputs of a build as read from disk, before validation: what the loader hands every later stage. */

/** The raw inputs of a build, read from disk and nothing else done to them. */
export interface LoadedSources {
  readonly factsheets: readonly SourceFile[];
  readonly onePagers: readonly SourceFile[];
  readonly dataset: SourceFile | undefined;
  /** The dataset as a workbook (`funding.xlsx`), read into rows, when the project keeps it so. */
  readonly workbook: LoadedWorkbook | undefined;
  /** The project's settings file (`factsheets.yml`), when it has one. */
  readonly settings: SourceFile | undefined;
  readonly templates: LoadedTemplates;
  /** The limits the inputs were loaded under, and that validation applies. */
  readonly limits: Limits;
}

export interface LoadedTemplates {
  /** Layouts by bare name (`factsheet`, `one-pager`). */
  readonly layouts: ReadonlyMap<string, SourceFile>;
  /** Partials by name relative to `partials/`, without `.hbs` (`quote`, `charts/bar`). */
  readonly partials: ReadonlyMap<string, SourceFile>;
  /** Style sheets in `styles/` by bare name: `<layout>.css` is that layout's, any other is shared. */
  readonly styles: ReadonlyMap<string, SourceFile>;
  /** Images in `assets/` by path relative to it (`logos/eu.svg`), for the `asset` helper. */
  readonly assets: ReadonlyMap<string, Asset>;
  /** Message files in `messages/` by language tag as written in the name (`en`, `fr`, `pt-BR`). */
  readonly messages: ReadonlyMap<string, SourceFile>;
  /** The messages folder as messages name it (`templates/messages`). */
  readonly messagesFolder: string;
}

/** `funding.xlsx`, its sheets read into rows (or why it was not read). */
export interface LoadedWorkbook {
  readonly displayPath: string;
  readonly sheets: readonly SheetRows[];
  readonly refused?: FactsheetsError;
}

/** A binary file of the templates, embedded into pages as a data: URI. */
export interface Asset {
  readonly displayPath: string;
  readonly bytes: Buffer;
}

/** One sheet of a workbook as rows of text, the way the CSV reader gives them. */
export interface SheetRows {
  readonly name: string;
  readonly rows: readonly ParsedRow[];
  /** Hidden in Excel (hidden or very hidden): never the dataset unless named. */
  readonly hidden: boolean;
  /** Cells whose value cannot be used (an error value, a formula never calculated). */
  readonly problems: readonly FactsheetsError[];
}

/** A record of the CSV file (or a spreadsheet's row) with where it is: its line, and where each field starts on it. */
export interface ParsedRow {
  readonly fields: readonly string[];
  /** The CSV line, or the spreadsheet's row number. */
  readonly line: number;
  /** 1-based column of each field's first character on `line` (a spreadsheet's column number). */
  readonly fieldColumns: readonly number[];
  /** Set for a spreadsheet's row: positions are cells of this sheet (`Funding!F14`), not lines. */
  readonly sheet?: string;
}
