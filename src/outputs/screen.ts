import type { DocumentOutput } from './output.js';
import { isScreenOutputPath, screenOutputPath } from './paths.js';

/**
 * A document's screen PDF: the page as its layout lays it out, one-pagers under `countries/`,
 * another language's edition under its language. Every build makes it, and it is made first:
 * the other outputs of a document are checked against it.
 */
export const screenOutput = {
  kind: 'screen',
  // A document's own PDF needs no word beside its name.
  label: { summaryKey: 'documents', count: (n: number) => `${n} ${n === 1 ? 'document' : 'documents'}` },
  pathOf: ({ kind, baseName, lang, project }) => screenOutputPath(kind, baseName, lang, project),
  holds: isScreenOutputPath,
  wanted: () => true,
  madeOfOthers: false,
  // The plan makes the screen PDF's job.
  jobOf: (planned) => planned,
  options: { print: false },
  /** Printed, then its checks (fonts, fit, PDF/UA-1), then the space budget: a page over it is a warning. */
  async make(page, context) {
    // Loaded when first used: the reports read the kinds' labels without the printing and finishing code.
    const [{ makePdf }, { finishPdf }, { checkPageBudget }] = await Promise.all([
      import('./printed-pdf.js'),
      import('../stages/finish.js'),
      import('../stages/page-budget.js'),
    ]);
    const { date, coverage, dataset, templates, warn } = context;
    return makePdf(page, context, async (printed, phraseLanguages) => {
      const artifact = finishPdf(page.job, printed, date, coverage, { dataset, phraseLanguages, templates });
      await checkPageBudget(page.job, printed.bytes, artifact.pages, printed.budget, warn);
      return artifact;
    });
  },
} as const satisfies DocumentOutput;
