import { escapeForMessage, safeLineStart } from '../errors.js';
import type { PageChange } from './compare-pages.js';
import type { DocumentReview, ReviewResult } from './review.js';

/** `1`, `2 (countries/mali.pdf p. 1)`, `3 added`: a changed page as a report names it. */
export function describePage(change: PageChange): string {
  const shows = change.shows === undefined ? '' : ` (${change.shows.output} p. ${change.shows.page})`;
  return `${change.page}${change.change === 'changed' ? '' : ` ${change.change}`}${shows}`;
}

/** The documents a reviewer must look at: all but the unchanged ones, and any the reviewed build kept out of date. */
export function documentsToReview(result: ReviewResult): DocumentReview[] {
  return result.documents.filter((document) => document.status !== 'unchanged' || document.outOfDate !== undefined);
}

/** `2 of 10 PDFs changed, 0 added, 0 removed`. */
export function headline(result: ReviewResult): string {
  const { changed, added, removed } = result.summary;
  const stale = result.documents.filter((document) => document.outOfDate !== undefined).length;
  const outOfDate = stale === 0 ? '' : `; ${stale} ${stale === 1 ? 'PDF is' : 'PDFs are'} out of date`;
  if (changed + added + removed === 0)
    return `no change: all ${result.documents.length} PDFs are identical to the approved build${outOfDate}`;
  return `${changed} of ${result.documents.length} PDFs changed, ${added} added, ${removed} removed${outOfDate}`;
}

/** Why a document is in the review, one line per cause or gap; never none. */
export function reasons(document: DocumentReview): string[] {
  const stale = document.outOfDate === undefined ? [] : [`out of date: ${document.outOfDate}`];
  if (document.status === 'added') return [`new document (${document.source})`, ...stale];
  if (document.status === 'removed') return ['no longer built'];
  const why = [...stale, ...document.causes.map((cause) => cause.summary), ...document.unexplained];
  return why.length > 0 ? why : ['unexplained: no recorded cause'];
}

/** The pages a changed document shows differently, or why none is listed. */
export function pagesLine(document: DocumentReview): string {
  if (document.status !== 'changed') return '';
  if (document.changedPages.length === 0) return 'no page looks different';
  return `page${document.changedPages.length === 1 ? '' : 's'} ${pageList(document.changedPages)}`;
}

/** Changed pages, runs of plain changed pages as ranges (`2–212`): a long pack stays one line. */
function pageList(changes: readonly PageChange[]): string {
  const items: string[] = [];
  for (let index = 0; index < changes.length; ) {
    const first = changes[index];
    if (first === undefined) break;
    let last = index;
    const plain = (change: PageChange | undefined): boolean =>
      change !== undefined && change.change === 'changed' && change.shows === undefined;
    while (plain(first) && plain(changes[last + 1]) && changes[last + 1]?.page === (changes[last]?.page ?? 0) + 1)
      last += 1;
    items.push(last - index >= 2 ? `${first.page}–${changes[last]?.page ?? first.page}` : describePage(first));
    if (last - index === 1) items.push(describePage(changes[last] ?? first));
    index = last + 1;
  }
  return items.join(', ');
}

/** The terminal's report: one block per document to review, then the headline. */
export function formatReviewText(result: ReviewResult): string {
  // Data from the folders (names, dataset values) escaped as the build's messages are: no line of its own, no terminal control.
  const lines: string[] = [];
  for (const document of documentsToReview(result)) {
    lines.push(
      safeLineStart(
        escapeForMessage(
          `${document.status.padEnd(7)} ${document.output}${document.status === 'changed' ? `: ${pagesLine(document)}` : ''}`,
        ),
      ),
    );
    for (const reason of reasons(document)) lines.push(`        ${escapeForMessage(reason)}`);
  }
  lines.push(
    `${headline(result)} (reviewed in ${result.seconds.toFixed(2)} s, ${result.pagesRendered} pages rendered)`,
  );
  return `${lines.join('\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The review as JSON: everything but the page images (those are in the HTML report). */
export function formatReviewJson(result: ReviewResult): string {
  return `${JSON.stringify(result, (key, value: unknown) => (key === 'images' ? undefined : value), 2)}\n`;
}
