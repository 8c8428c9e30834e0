import { FactsheetsError } from '../errors.js';
import type { RenderJob } from '../model/documents.js';
import type { PdfFile } from '../pdf/objects.js';
import {
  checkPdfFile,
  checkStandards,
  describeFailure,
  type CheckOptions,
  type StandardFailure,
} from '../pdf/ua-check.js';

/**
 * Fails a document whose finished PDF breaks a machine-checkable condition of PDF/UA-1 (and,
 * for a print edition, PDF/X-4), the way the font gate fails one printed in a stranger font:
 * the finishing step repairs what Chromium leaves out, so what is left comes from the
 * document or its layout, and the hint says where to fix it.
 */
export function checkAccessibility(job: RenderJob, bytes: Uint8Array, options: CheckOptions = {}): void {
  const failures = checkStandards(bytes, job.outputPath, options);
  if (failures.length === 0) return;
  const standard = options.print === true ? 'PDF/UA-1 and PDF/X-4' : 'PDF/UA-1';
  throw new FactsheetsError(`its PDF does not meet ${standard}: ${listed(failures)}`, {
    stage: 'finish',
    file: job.document.source.displayPath,
    document: job.document.name,
    hint: hintFor(job, failures),
  });
}

/** The same gate for a briefing pack, on its merged objects (see MergeRequest.check): its documents passed on their own. */
export function checkPackStandards(file: PdfFile): void {
  const failures = checkPdfFile(file);
  if (failures.length === 0) return;
  throw new FactsheetsError(`the briefing pack does not meet PDF/UA-1: ${listed(failures)}`, {
    stage: 'finish',
    hint: 'Check the structure templates/layouts/briefing-pack.hbs builds (its headings, lists and links); the documents in it passed on their own.',
  });
}

function listed(failures: readonly StandardFailure[]): string {
  return `${failures.slice(0, 6).map(describeFailure).join('; ')}${failures.length > 6 ? `; and ${failures.length - 6} more` : ''}`;
}

/** Where the user can fix what failed: the Markdown for content, the layout for what it draws. */
function hintFor(job: RenderJob, failures: readonly StandardFailure[]): string {
  const layout = `templates/layouts/${job.layout}.hbs`;
  const rules = new Set(failures.map((failure) => failure.rule));
  if (rules.has('7.3-1'))
    return `Give every image alternative text: in the Markdown, ![what it shows](file.png); in ${layout}, an alt on each <img> and role="img" with aria-label on each <svg>, or aria-hidden="true" on a decorative one.`;
  if (rules.has('7.4.2-1'))
    return `Keep headings in order, H1 first and no level skipped: in the Markdown (# then ##) and in ${layout}.`;
  if (rules.has('7.1-3'))
    return `Mark what ${layout} draws for decoration only with aria-hidden="true", and keep real content in elements the page's text can reach.`;
  if (rules.has('ISO 32000-1 14.9.2'))
    return `Mark a phrase in another language in the Markdown as [words](lang:fr); in ${layout}, give an element with a lang an explicit role (<span lang="fr" role="generic">): Chromium drops a plain <span> and its language.`;
  if (rules.has('7.5-1'))
    return `Give every header cell of a table in ${layout} a scope (<th scope="col"> or scope="row").`;
  return `Check the structure ${layout} builds (its headings, lists, figures and links); rebuild with --force after fixing it.`;
}
