import { FactsheetsError, formatPosition } from '../errors.js';
import type { Artifact, Dataset, PrintedPdf, RenderJob } from '../model/documents.js';
import { setDocumentInfo } from '../pdf/info.js';
import type { DocumentInfo } from '../model/documents.js';
import { fixOutlineTitles } from '../pdf/outline.js';
import { addPrintMarks } from '../pdf/print-marks.js';
import { softHyphenFix } from '../pdf/soft-hyphens.js';
import { artifactFix } from '../pdf/artifacts.js';
import { ligatureFix } from '../pdf/ligatures.js';
import { rewriteStreams } from '../pdf/rewrite.js';
import { declareStandards, fixStructure } from '../pdf/standards.js';
import { countPages, firstPageSize, fontNames, type PageSizeMm } from '../pdf/facts.js';
import { printGeometry } from './print-geometry.js';
import { makeReproducible } from '../pdf/reproducible.js';
import { checkAccessibility } from './accessibility-gate.js';
import { printCondition } from './print-profile.js';
import { describeCharacter, describeMissing, uncoveredCharacters } from '../fonts/coverage.js';
import type { BrandCoverage } from '../fonts/embed.js';
import { datasetGlyphError, datasetGlyphs } from './dataset-glyphs.js';
import { CONTENTS_PER_PAGE } from './plan/pack.js';
import { FIT_FLOOR, type FitOutcome } from '../model/fit.js';
import type { LoadedTemplates } from '../model/sources.js';
import { tallColumnError, tooWideError } from './overflow-cause.js';

export { countPages, fontNames } from '../pdf/facts.js';
export { makeReproducible, pdfDate } from '../pdf/reproducible.js';

/** What a screen PDF is checked against besides its fonts: the dataset (to blame a cell) and the languages its page marked. */
export interface FinishChecks {
  readonly dataset?: Dataset;
  readonly phraseLanguages?: readonly string[];
  /** The templates the page was laid out with: to name the layout's element or style rule an overflow comes from. */
  readonly templates?: LoadedTemplates;
}

/**
 * Checks and settles a printed PDF: counts its pages, enforces the one-page contract, makes
 * its bytes reproducible and PDF/UA-1, and (with the brand fonts to check against, as in a
 * build) fails it if a font or a PDF/UA-1 condition is not met. A character the fonts lack
 * that comes from the dataset (given) is blamed on its cell; `phraseLanguages` are the
 * languages its HTML marked on phrases (see markedLanguages), each of which the PDF must keep.
 */
export function finishPdf(
  job: RenderJob,
  printed: PrintedPdf,
  creationDate: Date,
  fonts?: BrandCoverage,
  checks: FinishChecks = {},
): Artifact {
  const { dataset, phraseLanguages = [], templates } = checks;
  const pages = countPages(printed.bytes);
  if (fonts !== undefined) checkFonts(job, printed, fonts, dataset);
  const at = { stage: 'finish' as const, file: job.document.source.displayPath, document: job.document.name };
  if (printed.fit?.belowFloor !== undefined) {
    throw new FactsheetsError(
      `not built: the ${job.layout} layout is below the readable floor: ${printed.fit.belowFloor}`,
      {
        ...at,
        hint: `Keep every fit step of templates/layouts/${job.layout}.hbs at ${FIT_FLOOR.bodyPt} pt body text or more (its CSS, [data-fit-step]).`,
      },
    );
  }
  if (printed.tooWide !== undefined) throw tooWideError(job, printed.tooWide, templates);
  if (job.maxPages !== undefined && pages > job.maxPages) {
    const target = job.maxPages === 1 ? 'one page' : `${job.maxPages} pages`;
    const fit = printed.fit;
    if (fit !== undefined && !fit.fits) {
      const opening = `does not fit on ${target} even at its densest step (${describeStep(fit)}): it prints on ${pages} pages`;
      if (fit.tallColumn !== undefined)
        throw tallColumnError(job, { ...fit, tallColumn: fit.tallColumn }, opening, templates);
      throw new FactsheetsError(`${opening}, overflowing by ${describeOverflow(-fit.roomMm)}`, {
        ...at,
        hint: wordsToCutHint(fit),
      });
    }
    throw new FactsheetsError(
      `does not fit on ${target}: it prints on ${pages} pages, overflowing by ${describeOverflow(printed.overflowMm)}`,
      { ...at, hint: 'Shorten the narrative or the summary (about 12 words free 1 line, 4.5 mm).' },
    );
  }
  const bytes = declareStandards(settle(printed, creationDate, job.info));
  if (fonts !== undefined) checkAccessibility(job, bytes, { phraseLanguages });
  return { job, pages, bytes };
}

/** `"dense", 9 pt body text, 3 funding lines`. */
export function describeStep(fit: FitOutcome): string {
  const lines =
    fit.lines === undefined ? '' : `, ${fit.lines.shown} funding ${fit.lines.shown === 1 ? 'line' : 'lines'}`;
  return `${fit.step === 'design' ? 'as designed' : `"${fit.step}"`}, ${fit.bodyPt} pt body text${lines}`;
}

/** What a writer cuts when even the densest step is too long: words of prose, as measured; never data. */
function wordsToCutHint(fit: FitOutcome): string {
  const cut = fit.wordsToCut;
  if (cut === undefined) return 'Shorten the narrative or the summary.';
  const parts = [
    ...(cut.narrative > 0 ? [`about ${cut.narrative} words of the narrative`] : []),
    ...(cut.summary > 0 ? [`about ${cut.summary} words of the summary`] : []),
  ];
  if (parts.length === 0 || !cut.enough) {
    return `Even with the narrative cut to the height of the charts beside it${parts.length === 0 ? '' : ` (${parts.join(' and ')})`}, the page is too long: shorten the summary and the narrative, or use a layout with more room.`;
  }
  return `Cut ${parts.join(' and ')} (measured at this step); the funding table and charts already take their least room.`;
}

/** What a print edition is checked against: its screen edition's pages and page size (the trim). */
export interface ScreenEdition {
  readonly pages: number;
  readonly pageSize: PageSizeMm;
}

/**
 * Settles a print-edition PDF: it must paginate like the screen edition (the bleed layout
 * must not move text), then gets crop marks, trim and bleed boxes (the bleed the layout's print
 * page adds to the screen page: see print-geometry.ts), reproducible bytes and metadata.
 * `sheet` is the style sheet that sizes the layout's pages, named when the sizes disagree.
 */
export function finishPrintEdition(
  job: RenderJob,
  printed: PrintedPdf,
  creationDate: Date,
  screen: ScreenEdition,
  sheet: string,
  phraseLanguages: readonly string[] = [],
): Artifact {
  const pages = countPages(printed.bytes);
  const screenPages = screen.pages;
  if (pages !== screenPages) {
    throw new FactsheetsError(`the print edition has ${pages} pages but the screen edition ${screenPages}`, {
      stage: 'finish',
      file: job.document.source.displayPath,
      document: job.document.name,
      hint: "The layout's print-edition CSS (@page bleed) must keep the text block where it is on the trimmed page.",
    });
  }
  const bytes = declareStandards(
    addPrintMarks(
      settle(printed, creationDate, job.info),
      printGeometry(firstPageSize(printed.bytes), screen.pageSize, sheet),
    ),
    printCondition(job),
  );
  checkAccessibility(job, bytes, { print: true, phraseLanguages });
  return { job, pages, bytes };
}

/**
 * Settles one of the briefing pack's own sheets (its cover and contents, its page numbers): it
 * must have the pages the pack was numbered for, and only characters the brand fonts have.
 */
export function finishPackSheet(
  printed: PrintedPdf,
  expectedPages: number,
  what: string,
  creationDate: Date,
  fonts: BrandCoverage,
): Uint8Array {
  const pages = countPages(printed.bytes);
  if (pages !== expectedPages) {
    throw new FactsheetsError(
      `the briefing pack's ${what} printed on ${pages} pages, but the pack was numbered for ${expectedPages}`,
      {
        stage: 'finish',
        hint: `Keep templates/styles/briefing-pack.css as the plan expects: ${CONTENTS_PER_PAGE} contents rows to a page, one page per number.`,
      },
    );
  }
  const missing = uncoveredCharacters(printed.text, fonts.any);
  if (missing.length > 0) {
    throw new FactsheetsError(
      `the briefing pack's ${what} uses characters the declared fonts lack: ${describeMissing(printed.text, missing)}`,
      { stage: 'finish', hint: declareHint(fonts) },
    );
  }
  return fixStructure(
    fixOutlineTitles(makeReproducible(rewriteStreams(printed.bytes, STREAM_FIXES), creationDate), printed.headings),
  );
}

/** Repairs of the drawing and its text layer: soft hyphens out of the text, furniture marked as artifacts, ligatures given their letters. */
export const STREAM_FIXES = [softHyphenFix, artifactFix, ligatureFix];

/** What every PDF gets: repaired streams, reproducible bytes, true outline titles, its metadata. */
function settle(printed: PrintedPdf, creationDate: Date, info: DocumentInfo): Uint8Array {
  return setDocumentInfo(
    fixOutlineTitles(makeReproducible(rewriteStreams(printed.bytes, STREAM_FIXES), creationDate), printed.headings),
    info,
  );
}

/**
 * Fails a document whose text needs a glyph the declared fonts lack, or that printed in any
 * font the templates do not declare: Chromium falls back to a system font without a word.
 * Missing characters from the dataset's cells are the dataset's error, at the cell; the rest
 * are the document's (with the cells named too, when there are both).
 */
function checkFonts(job: RenderJob, printed: PrintedPdf, fonts: BrandCoverage, dataset: Dataset | undefined): void {
  const at = { stage: 'finish' as const, file: job.document.source.displayPath, document: job.document.name };
  const missing = uncoveredCharacters(printed.text, fonts.any);
  const strangers = fontNames(printed.bytes).filter((name) => !fonts.postscriptNames.includes(name));
  if (missing.length > 0) {
    const fromDataset =
      dataset === undefined ? { cells: [], elsewhere: missing } : datasetGlyphs(job, dataset, missing);
    const cellError =
      dataset === undefined ? undefined : datasetGlyphError(job, dataset, fromDataset.cells, declareHint(fonts));
    if (cellError !== undefined && fromDataset.elsewhere.length === 0) throw cellError;
    const alsoCells =
      cellError === undefined ? '' : ` (and ${formatPosition(cellError) || dataset?.file}: ${cellError.message})`;
    throw new FactsheetsError(
      `uses characters the declared fonts lack: ${describeMissing(printed.text, fromDataset.elsewhere)}${alsoCells}`,
      {
        ...at,
        hint: `Replace them (or transliterate), or ${declareHint(fonts)}`,
      },
    );
  }
  if (strangers.length > 0) {
    const partial = uncoveredCharacters(printed.text, fonts.all);
    throw new FactsheetsError(
      `printed in fonts the templates do not declare: ${strangers.join(', ')}${partial.length > 0 ? ` (characters only some declared families have: ${partial.slice(0, 12).map(describeCharacter).join(', ')})` : ''}`,
      {
        ...at,
        hint: `A style sheet names a font family no @font-face rule declares (code and pre need one too), or a character falls through its font-family list to a system font: ${declareHint(fonts)}`,
      },
    );
  }
}

/** Where the user adds a font: the templates' own style sheets, never the tool. */
function declareHint(fonts: BrandCoverage): string {
  const sheets =
    fonts.declaredIn.length > 0 ? fonts.declaredIn.join(', ') : 'a style sheet of the templates (templates/styles/)';
  return `declare a font that has them in ${sheets}: an @font-face rule pointing at a font file kept with the templates, or @import of an installed font package (declared now: ${fonts.families.join(', ') || 'none'}).`;
}

function describeOverflow(millimetres: number): string {
  if (millimetres < 1) return 'less than 1 mm';
  const lines = Math.max(1, Math.round(millimetres / 4.5));
  return `${Math.round(millimetres)} mm (about ${lines} ${lines === 1 ? 'line' : 'lines'} of text)`;
}
