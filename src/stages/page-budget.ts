import { openWithPdfJs } from '../pdf/pdfjs.js';
import { FactsheetsError } from '../errors.js';
import type { PageBudget } from '../model/fit.js';
import type { RenderJob } from '../model/documents.js';

const MM_PER_PT = 25.4 / 72;

/**
 * A flowing layout's page budget (browser/measure.ts): a document that takes more pages than
 * it declares is a warning (an error if the layout says so) that names the overflow as
 * measured in the printed PDF: how far the text runs down each page past the budget.
 */
export async function checkPageBudget(
  job: RenderJob,
  bytes: Uint8Array,
  pages: number,
  budget: PageBudget | undefined,
  warn: (message: string) => void,
): Promise<void> {
  if (budget === undefined || pages <= budget.pages) return;
  const overflowMm = await textDepthMm(bytes, budget);
  const allowed = budget.pages === 1 ? 'one page' : `${budget.pages} pages`;
  const message = `takes ${pages} pages where its layout allows ${allowed}: about ${Math.ceil(overflowMm)} mm of content runs past page ${budget.pages}`;
  const hint = `Shorten the text, list fewer countries, or allow more pages with "page_budget: ${pages}" in the front matter of ${job.document.source.displayPath}.`;
  if (budget.overIsError) {
    throw new FactsheetsError(message, {
      stage: 'finish',
      file: job.document.source.displayPath,
      document: job.document.name,
      hint,
    });
  }
  warn(`${message}. ${hint}`);
}

/**
 * How far the text reaches down the pages after the budget, in millimetres, summed: from the
 * top of each page's text block to the foot of its lowest line (the running head and the
 * footer, in the margins, do not count).
 */
export async function textDepthMm(bytes: Uint8Array, budget: PageBudget): Promise<number> {
  const pdf = await openWithPdfJs(bytes);
  try {
    let depth = 0;
    for (let number = budget.pages + 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const [, , , top = 0] = page.view;
      const blockTop = top - budget.marginTopMm / MM_PER_PT;
      const blockBottom = budget.marginBottomMm / MM_PER_PT;
      const { items } = await page.getTextContent();
      let lowest = blockTop;
      for (const item of items) {
        if (!('transform' in item) || item.str.trim() === '') continue;
        const baseline = Number(item.transform[5]);
        // A line's foot: its baseline less a quarter of its height (the descenders).
        const foot = baseline - item.height / 4;
        if (baseline <= blockTop && baseline >= blockBottom) lowest = Math.min(lowest, foot);
      }
      depth += (blockTop - lowest) * MM_PER_PT;
    }
    return depth;
  } finally {
    await pdf.destroy();
  }
}
