import { formatPosition, type FactsheetsError } from '../errors.js';

/** One error as the preview page shows it: where, what, and what to do. */
export interface PreviewError {
  /** `content/countries/mali.md:3:7`, or as much of it as is known ('' when no file). */
  readonly position: string;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
  readonly hint?: string;
  readonly document?: string;
}

/** The first errors of a list, and how many there are: a dataset can have thousands of bad rows. */
export interface ErrorList {
  readonly shown: readonly PreviewError[];
  readonly total: number;
}

/** How many errors one list sends to the page; the terminal has them all. */
export const MAX_ERRORS_SHOWN = 50;

/**
 * A build's errors, grouped once by document and by file, so that each document's list is
 * picked without another pass over all of them.
 */
export class BuildErrors {
  readonly all: ErrorList;
  private readonly byDocument = new Map<string, PreviewError[]>();
  private readonly sharedByFile = new Map<string, PreviewError[]>();
  private readonly shared: PreviewError[] = [];

  constructor(errors: readonly FactsheetsError[]) {
    const shown: PreviewError[] = [];
    for (const error of errors) {
      const preview = previewError(error);
      if (shown.length < MAX_ERRORS_SHOWN) shown.push(preview);
      if (preview.document !== undefined) listIn(this.byDocument, preview.document).push(preview);
      else {
        this.shared.push(preview);
        if (preview.file !== undefined) listIn(this.sharedByFile, preview.file).push(preview);
      }
    }
    this.all = { shown, total: errors.length };
  }

  /**
   * What to show over a failed document: its own errors, then the errors in the shared files
   * (the dataset, a template) that its own errors name as the cause; with none of its own,
   * every shared error, since one of them failed it.
   */
  of(name: string): ErrorList {
    const own = this.byDocument.get(name) ?? [];
    if (own.length === 0) return { shown: this.shared.slice(0, MAX_ERRORS_SHOWN), total: this.shared.length };
    const shown = own.slice(0, MAX_ERRORS_SHOWN);
    let total = own.length;
    for (const [file, errors] of this.sharedByFile) {
      if (!own.some((error) => error.message.includes(file))) continue;
      total += errors.length;
      for (const error of errors) {
        if (shown.length >= MAX_ERRORS_SHOWN) break;
        shown.push(error);
      }
    }
    return { shown, total };
  }
}

function listIn(lists: Map<string, PreviewError[]>, key: string): PreviewError[] {
  let list = lists.get(key);
  if (list === undefined) {
    list = [];
    lists.set(key, list);
  }
  return list;
}

function previewError(error: FactsheetsError): PreviewError {
  return {
    position: formatPosition(error),
    message: error.message,
    ...(error.file === undefined ? {} : { file: error.file }),
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.document === undefined ? {} : { document: error.document }),
  };
}
