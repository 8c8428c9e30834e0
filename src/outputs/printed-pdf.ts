import { FactsheetsError } from '../errors.js';
import type { Artifact, FitRecord, HtmlPage, PrintedPdf } from '../model/documents.js';
import { firstPageSize, fontNames } from '../pdf/facts.js';
import { pageSheetOf, typeSizeRuleOf } from '../stages/layout-sheets.js';
import { lowResolutionImages, prepressRules, proseUnderFitFloor, smallText } from '../stages/prepress.js';
import { markedLanguages } from '../stages/render/inline-language.js';
import type { Made, MakeContext } from './output.js';

/** How a PDF output settles its printed page (its checks, reproducible bytes, metadata): its own part of `make`. */
export type FinishPrinted = (printed: PrintedPdf, phraseLanguages: readonly string[]) => Promise<Artifact> | Artifact;

/**
 * How every PDF output is made (the screen PDF and the print edition call it from `make`): the
 * page printed by Chromium, passed through the prepress checks (prose under the fit floor, type
 * under the floor, images too coarse), settled by the output's `finish`, and described for the
 * manifest. An output that is not printed (an HTML edition) makes its bytes without it.
 */
export async function makePdf(page: HtmlPage, context: MakeContext, finish: FinishPrinted): Promise<Made> {
  const printed = await context.printer.print(page.html, { fonts: context.fonts });
  for (const url of printed.blockedRequests) context.warn(`blocked a request for ${url}`);
  checkPrepress(page, printed, context);
  const artifact = await finish(printed, markedLanguages(page.html, page.job.lang));
  return {
    bytes: artifact.bytes,
    pages: artifact.pages,
    pageSize: firstPageSize(artifact.bytes),
    fonts: fontNames(artifact.bytes),
    ...fitRecord(printed),
  };
}

/** Fails a page (or warns, when its layout lets it) whose prose, type or images print under the floors a press needs. */
function checkPrepress(page: HtmlPage, printed: PrintedPdf, context: MakeContext): void {
  const { job } = page;
  const rules = prepressRules(page.html);
  const prose = proseUnderFitFloor(printed.textSizes ?? []);
  // The layout's style sheet set it: the error is the designer's, whichever document showed it.
  if (prose !== undefined)
    throw new FactsheetsError(prose.message, {
      ...prose.fields(),
      file: pageSheetOf(job.layout, context.templates),
      document: job.document.name,
    });
  // Type too small is the layout's: named at the style rule that sets it, whichever document showed it.
  const smallType = smallText(printed.textSizes ?? [], rules, (where) =>
    typeSizeRuleOf(where, job.layout, context.templates),
  );
  const coarseImages = lowResolutionImages(printed.images ?? [], rules);
  if (rules.failing && (coarseImages[0] ?? smallType[0]) !== undefined) throw coarseImages[0] ?? smallType[0];
  const warning = (problem: FactsheetsError) => `${problem.message}: ${lowercaseFirst(problem.hint ?? '')}`;
  // An image is the writer's (at the document that embeds it); a type size the designer's (at its rule).
  for (const problem of coarseImages) context.warn(warning(problem));
  for (const problem of smallType) context.warn(warning(problem), { file: problem.file ?? '', line: problem.line });
}

/** The fit step and space budget of a fitted page, for its manifest entry. */
function fitRecord(printed: PrintedPdf): { fit?: FitRecord } {
  const fit = printed.fit;
  if (fit === undefined) return {};
  const { step, stepIndex, roomMm, roomLines, charsPerLine, bodyPt, lines } = fit;
  return {
    fit: {
      step,
      stepIndex,
      roomMm,
      roomLines,
      ...(charsPerLine === undefined ? {} : { charsPerLine }),
      bodyPt,
      ...(lines === undefined ? {} : { lines }),
    },
  };
}

function lowercaseFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
