import type { HtmlPage, RenderJob } from '../model/documents.js';
import type { LoadedTemplates } from '../model/sources.js';
import type { BuiltPart } from '../stages/plan/pack.js';
import { outputFor } from '../outputs/registry.js';
import { finishPdf } from '../stages/finish.js';
import { markedLanguages } from '../stages/render/inline-language.js';
import { readConfinedFile } from '../stages/confined-files.js';
import { FactsheetsError } from '../errors.js';
import { creationDate, type ProduceContext } from './produce.js';

/**
 * Whether a document goes into the briefing pack as its pack edition: its layout prints page
 * numbers of its own and leaves them out when `edition.pack` (the pack's number takes their
 * place). Any other document (a brief, with no page number) goes in as its PDF is.
 */
export function hasPackEdition(job: RenderJob, templates: LoadedTemplates): boolean {
  return templates.layouts.get(job.layout)?.text.includes('edition.pack') === true;
}

/**
 * A part's pages as the pack takes them: its pack edition, printed now and never written on
 * its own (it differs from the document's PDF only by its page numbers, so it prints on as
 * many pages), else its PDF as it is in the output folder.
 */
export async function packPartBytes(
  part: BuiltPart,
  context: ProduceContext,
  renderPage: (job: RenderJob) => Promise<HtmlPage>,
): Promise<Uint8Array> {
  const { job } = part;
  if (!hasPackEdition(job, context.templates))
    return readConfinedFile({ root: context.config.outDir, name: 'the output folder', stage: 'load' }, job.outputPath);
  const page = await renderPage(outputFor('pack').partJobOf(job));
  const printed = await context.printer.print(page.html, { fonts: context.fonts });
  const finished = finishPdf(job, printed, creationDate(context.config, job.document.meta.date), context.coverage, {
    dataset: context.dataset,
    phraseLanguages: markedLanguages(page.html, job.lang),
  });
  if (finished.pages !== part.pages) {
    throw new FactsheetsError(
      `${job.outputPath} printed on ${finished.pages} pages for the briefing pack, where its own PDF has ${part.pages}`,
      {
        stage: 'print',
        file: job.document.source.displayPath,
        document: job.document.name,
        hint: `Leave out only the page numbers in the pack's edition of templates/layouts/${job.layout}.hbs ({{#unless edition.pack}}): nothing that moves the text.`,
      },
    );
  }
  return finished.bytes;
}
