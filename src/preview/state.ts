import { formatPosition, type FactsheetsError } from '../errors.js';
import type { BuildReport, DocumentResult } from '../types.js';

/** One error as the preview page shows it: where, what, and what to do. */
export interface PreviewError {
  /** `content/countries/mali.md:3:7`, or as much of it as is known ('' when no file). */
  readonly position: string;
  readonly line?: number;
  readonly message: string;
  readonly hint?: string;
  readonly document?: string;
}

/** One document on the preview page: its last build's result, and what the page needs to show it. */
export interface PreviewDocument extends Omit<DocumentResult, 'milliseconds' | 'pages'> {
  /** Pages of the PDF on disk (the last good one, when the last build failed). */
  readonly pages?: number;
  /** One-pagers: room left at the foot of the page, in millimetres, when the build reports it. */
  readonly roomLeftMm?: number;
  /** Build number in which its PDF was last written: the page redraws when it changes. */
  readonly version: number;
  /** Whether a PDF is on disk to show (the previous one stays when a build fails). */
  readonly hasPdf: boolean;
  /** The errors that failed it in the last build (shared ones when it has none of its own). */
  readonly errors: readonly PreviewError[];
}

/** Everything the preview page shows, sent whole on every build. */
export interface PreviewState {
  /** 0 until the first build has finished, then one more per build reported. */
  readonly build: number;
  /** Whether saves are being watched (from just after the first build; a save before then is not seen). */
  readonly watching: boolean;
  readonly documents: readonly PreviewDocument[];
  /** Every error of the last build, of all documents and of none. */
  readonly errors: readonly PreviewError[];
  readonly seconds: number;
}

export const INITIAL_STATE: PreviewState = Object.freeze({ build: 0, watching: false, documents: [], errors: [], seconds: 0 });

/**
 * Where the room left on a one-pager is read from a build report's document entry: the one
 * place to change if the report names the field otherwise. A number of millimetres.
 */
export function roomLeftMmOf(entry: DocumentResult): number | undefined {
  const value: unknown = Reflect.get(entry, 'roomLeftMm');
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The state after a build: documents as the report lists them, keeping from the previous
 * state what a failed or unchanged entry does not say (pages, room left, the PDF's version).
 * `pdfExists` says whether an output is on disk, for documents failed since before the preview.
 */
export function applyReport(previous: PreviewState, report: BuildReport, pdfExists: (output: string) => boolean): PreviewState {
  const build = previous.build + 1;
  const before = new Map(previous.documents.map((document) => [document.name, document]));
  const errors = report.errors.map(previewError);
  const shared = errors.filter((error) => error.document === undefined);
  // A build that stopped before it knew the documents (the content folder unreadable) fails them all.
  const entries = report.documents.length === 0 && errors.length > 0
    ? previous.documents.map((document): DocumentResult => ({ name: document.name, kind: document.kind, source: document.source, output: document.output, status: 'failed' }))
    : report.documents;
  const documents = entries.map((entry): PreviewDocument => {
    const old = before.get(entry.name);
    const own = errors.filter((error) => error.document === entry.name);
    const pages = entry.status === 'failed' ? old?.pages : entry.pages;
    const roomLeftMm = entry.kind === 'one-pager' ? roomLeftMmOf(entry) ?? (entry.status === 'built' ? undefined : old?.roomLeftMm) : undefined;
    return {
      name: entry.name, kind: entry.kind, source: entry.source, output: entry.output, status: entry.status,
      ...(pages === undefined ? {} : { pages }),
      ...(roomLeftMm === undefined ? {} : { roomLeftMm }),
      version: entry.status === 'built' ? build : old?.version ?? build,
      hasPdf: entry.status !== 'failed' || (old?.hasPdf ?? pdfExists(entry.output)),
      errors: own.length > 0 || entry.status !== 'failed' ? own : shared,
    };
  });
  documents.sort(byKindThenName);
  return { build, watching: previous.watching, documents, errors, seconds: report.seconds };
}

function previewError(error: FactsheetsError): PreviewError {
  return {
    position: formatPosition(error), message: error.message,
    ...(error.line === undefined ? {} : { line: error.line }),
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.document === undefined ? {} : { document: error.document }),
  };
}

/** Factsheets first, then one-pagers, each by name: the order of the output folder. */
function byKindThenName(a: PreviewDocument, b: PreviewDocument): number {
  if (a.kind !== b.kind) return a.kind === 'factsheet' ? -1 : 1;
  return a.name.localeCompare(b.name);
}
