import type { BrandCoverage } from '../fonts/embed.js';
import type { PackPlan } from '../stages/plan/pack.js';
import type { PrintedPdf, RenderJob } from '../model/documents.js';
import type { OutputModule } from './output.js';
import { isPackOutput, packOutputPath } from './paths.js';

/** What a pack is finished from: its two sheets as printed, and its parts' pages as it takes them. */
export interface PrintedPack {
  /** Its cover and contents. */
  readonly front: PrintedPdf;
  /** Its sheet of page numbers, one a page, drawn over all but the cover. */
  readonly numbers: PrintedPdf;
  /** Each document's pages, in pack order, named by their PDF. */
  readonly parts: readonly { readonly name: string; readonly bytes: Uint8Array }[];
}

/** Where a language's pack goes: its language and the project's. */
export interface PackPlace {
  readonly lang: string;
  readonly project: string;
}

/** The pack's module: besides what every output says, how its parts are taken and how it is finished. */
export interface PackOutput extends OutputModule<PackPlace> {
  readonly kind: 'pack';
  /** A document's job as the pack takes it, when its layout has page numbers of its own (see pack-edition.ts). */
  partJobOf(job: RenderJob): RenderJob;
  finish(
    printed: PrintedPack,
    plan: PackPlan,
    date: Date,
    coverage: BrandCoverage,
    output: string,
  ): Promise<readonly Uint8Array[]>;
}

/**
 * A language's briefing pack (on a complete build; never in watch mode, the preview or a
 * forecast, which set `skipPack`): a cover and contents, then every document of its language as
 * its PDF is (a document with page numbers of its own as its pack edition), numbered through.
 * Its pages are its parts' pages: a review compares it after them.
 */
export const packOutput = {
  kind: 'pack',
  label: {
    name: 'briefing pack',
    summaryKey: 'briefingPack',
    count: (n: number) => (n === 1 ? 'the briefing pack' : `${n} briefing packs`),
  },
  pathOf: ({ lang, project }) => packOutputPath(lang, project),
  holds: isPackOutput,
  wanted: (config) => !config.skipPack,
  madeOfOthers: true,
  partJobOf: packEditionOf,
  finish: finishPack,
} as const satisfies PackOutput;

/**
 * A document's job as the briefing pack takes it: its screen edition laid out with
 * `edition.pack`, so that a layout leaves out its own page numbers and the pack's number takes
 * their place. Printed for the pack only, never written on its own.
 */
function packEditionOf(job: RenderJob): RenderJob {
  return { ...job, view: Object.freeze({ ...job.view, edition: Object.freeze({ print: false, pack: true }) }) };
}

/**
 * Finishes the pack as the pieces of its file (see mergePdfPieces): its sheets settled (their
 * pages as planned, only the declared fonts' characters), its parts merged after the cover with
 * the numbers over them, its Info and language, checked against PDF/UA-1. `output` names its pieces.
 */
async function finishPack(
  printed: PrintedPack,
  plan: PackPlan,
  date: Date,
  coverage: BrandCoverage,
  output: string,
): Promise<readonly Uint8Array[]> {
  // Loaded when first used: the reports read the kinds' labels without the finishing code.
  const [{ infoDictionary }, { mergePdfPieces }, { checkPackStandards }, { finishPackSheet, pdfDate }, { CREATOR }] =
    await Promise.all([
      import('../pdf/info.js'),
      import('../pdf/merge.js'),
      import('../stages/accessibility-gate.js'),
      import('../stages/finish.js'),
      import('../stages/plan.js'),
    ]);
  const info = infoDictionary(
    {
      title: plan.title,
      ...(plan.author === undefined ? {} : { author: plan.author }),
      subject: plan.subject,
      keywords: [plan.keyword, ...plan.partTitles],
      creator: CREATOR,
    },
    `(${pdfDate(date)})`,
    `(${pdfDate(date)})`,
  );
  return mergePdfPieces({
    parts: [
      {
        name: `${output} (cover and contents)`,
        bytes: finishPackSheet(printed.front, plan.frontPages, 'cover and contents', date, coverage),
      },
      ...printed.parts,
    ],
    overlay: {
      name: `${output} (page numbers)`,
      bytes: finishPackSheet(printed.numbers, plan.totalPages, 'page numbers', date, coverage),
      firstPage: 2,
    },
    info,
    // A language tag is letters, digits and dashes (validated): a literal string as Chromium writes it.
    lang: `(${plan.lang.replace(/[^A-Za-z0-9-]/g, '')})`,
    check: checkPackStandards,
  });
}
