import type { BuildReport, DocumentKind, DocumentResult } from '../model/documents.js';
import { isScreenResult } from '../outputs/registry.js';
import { BuildErrors, type ErrorList } from './error-lists.js';

export type { ErrorList, PreviewError } from './error-lists.js';

/** One document on the preview page: its last build's result, and what the page needs to show it. */
export interface PreviewDocument extends Omit<DocumentResult, 'milliseconds' | 'pages' | 'kind' | 'edition'> {
  readonly kind: DocumentKind;
  /** Pages of the PDF on disk (the last good one, when the last build failed). */
  readonly pages?: number;
  /** One-pagers: room left at the foot of the page, in millimetres, when the build reports it. */
  readonly roomLeftMm?: number;
  /** Build number in which its PDF was last written: the page redraws when it changes. */
  readonly version: number;
  /** Whether a PDF is on disk to show (the previous one stays when a build fails). */
  readonly hasPdf: boolean;
  /** The errors that failed it in the last build (see BuildErrors.of). */
  readonly errors: ErrorList;
}

/** Everything the preview page shows, sent whole on every build. */
export interface PreviewState {
  /** 0 until the first build has finished, then one more per build reported. */
  readonly build: number;
  /** Whether saves are being watched (from just after the first build; a save before then is not seen). */
  readonly watching: boolean;
  readonly documents: readonly PreviewDocument[];
  /** Every error of the last build, of all documents and of none. */
  readonly errors: ErrorList;
  readonly seconds: number;
}

const NO_ERRORS: ErrorList = Object.freeze({ shown: [], total: 0 });

export const INITIAL_STATE: PreviewState = Object.freeze({
  build: 0,
  watching: false,
  documents: [],
  errors: { shown: [], total: 0 },
  seconds: 0,
});

/** The room left on a one-pager, in millimetres, from its space budget (see the fit steps). */
export function roomLeftMmOf(entry: DocumentResult): number | undefined {
  return entry.fit?.roomMm;
}

/**
 * The state after a build: documents as the report lists them, keeping from the previous
 * state what a failed or unchanged entry does not say (pages, room left, the PDF's version).
 * `pdfExists` says whether an output is on disk, for documents failed since before the preview.
 */
export function applyReport(
  previous: PreviewState,
  report: BuildReport,
  pdfExists: (output: string) => boolean,
): PreviewState {
  const build = previous.build + 1;
  const before = new Map(previous.documents.map((document) => [document.name, document]));
  const errors = new BuildErrors(report.errors);
  // A build that stopped before it knew the documents (the content folder unreadable) fails them all.
  const entries =
    report.documents.length === 0 && report.errors.length > 0
      ? previous.documents.map(
          (document): ScreenEdition => ({
            name: document.name,
            kind: document.kind,
            source: document.source,
            output: document.output,
            status: 'failed',
          }),
        )
      : report.documents.filter(isScreenEdition);
  const documents = entries.map((entry): PreviewDocument => {
    const old = before.get(entry.name);
    const pages = entry.status === 'failed' ? old?.pages : entry.pages;
    const roomLeftMm =
      entry.kind === 'one-pager'
        ? (roomLeftMmOf(entry) ?? (entry.status === 'built' ? undefined : old?.roomLeftMm))
        : undefined;
    return {
      name: entry.name,
      kind: entry.kind,
      source: entry.source,
      output: entry.output,
      status: entry.status,
      ...(pages === undefined ? {} : { pages }),
      ...(roomLeftMm === undefined ? {} : { roomLeftMm }),
      version: entry.status === 'built' ? build : (old?.version ?? build),
      hasPdf: entry.status !== 'failed' || (old?.hasPdf ?? pdfExists(entry.output)),
      errors: entry.status === 'failed' ? errors.of(entry.name) : NO_ERRORS,
      // The PDF shown is the last good one, and out of date: why.
      ...(entry.outOfDate === undefined ? {} : { outOfDate: entry.outOfDate }),
    };
  });
  documents.sort(byKindThenName);
  return { build, watching: previous.watching, documents, errors: errors.all, seconds: report.seconds };
}

/** A document's own PDF, as the preview shows it. */
type ScreenEdition = DocumentResult & { readonly kind: DocumentKind };

/** The preview shows each document once: its print edition and the briefing pack are left to full builds. */
function isScreenEdition(result: DocumentResult): result is ScreenEdition {
  return isScreenResult(result);
}

/** Factsheets first, then one-pagers, each by name: the order of the output folder. */
function byKindThenName(a: PreviewDocument, b: PreviewDocument): number {
  if (a.kind !== b.kind) return a.kind === 'factsheet' ? -1 : 1;
  return a.name.localeCompare(b.name);
}
