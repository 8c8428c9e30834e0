import type { RenderJob } from '../model/documents.js';
import type { DocumentOutput } from './output.js';
import { isPrintEditionPath, printEditionPath, screenOutputPath } from './paths.js';

/**
 * A document's print edition (`--print`): the same page laid out with its layout's bleed
 * (`edition.print`), under `print/`, finished for a press: the screen PDF's pages, crop marks,
 * trim and bleed boxes, PDF/X-4. Made after the screen PDF, whose pages and page size (the
 * trim) it is checked against.
 */
export const printOutput = {
  kind: 'print',
  label: {
    name: 'print edition',
    summaryKey: 'printEditions',
    count: (n: number) => `${n} ${n === 1 ? 'print edition' : 'print editions'}`,
  },
  pathOf: ({ kind, baseName, lang, project }) => printEditionPath(screenOutputPath(kind, baseName, lang, project)),
  holds: isPrintEditionPath,
  wanted: (config) => config.printEdition,
  flag: '--print',
  madeOfOthers: false,
  jobOf: printEditionOf,
  options: { print: true },
  async make(page, context) {
    const { job } = page;
    const { screen, date, templates } = context;
    if (screen === undefined) throw new Error(`the print edition of ${job.document.name} is made after its screen PDF`);
    // Loaded when first used: the reports read the kinds' labels without the printing and finishing code.
    const [{ makePdf }, { finishPrintEdition }, { pageSheetOf }] = await Promise.all([
      import('./printed-pdf.js'),
      import('../stages/finish.js'),
      import('../stages/layout-sheets.js'),
    ]);
    return makePdf(page, context, (printed, phraseLanguages) =>
      finishPrintEdition(job, printed, date, screen, pageSheetOf(job.layout, templates), phraseLanguages),
    );
  },
} as const satisfies DocumentOutput;

/** The print edition's job, from the document's: its layout prints with bleed, its PDF goes under print/. */
function printEditionOf(job: RenderJob): RenderJob {
  return {
    ...job,
    edition: 'print',
    outputPath: printEditionPath(job.outputPath),
    view: Object.freeze({ ...job.view, edition: Object.freeze({ print: true }) }),
  };
}
