import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TemplateEnvironment } from '../stages/render/handlebars/environment.js';
import type { DocumentResult, RenderJob } from '../types.js';
import { VERSION } from '../version.js';
import { infoDictionary } from '../pdf/info.js';
import { finishPackSheet, fontNames, pdfDate } from '../stages/finish.js';
import { sha256, templatesHash, type Manifest, type ManifestEntry } from './manifest.js';
import { PACK_LAYOUT, PACK_NAME, PACK_OUTPUT, planPack, type BuiltPart, type PackPlan } from '../stages/plan/pack.js';
import { mergePdfPieces } from '../pdf/merge.js';
import { CREATOR } from '../stages/plan.js';
import { creationDate, type ProduceContext } from './produce.js';
import { OutputWriteError, writeOutput } from '../stages/write.js';
import type { BuildConfig } from '../config.js';
import { FactsheetsError, toFactsheetsError } from '../errors.js';
import type { LoadedTemplates } from '../stages/load.js';
import { sameInputs } from './changes.js';
import type { BuildLog } from './log.js';
import type { PrintSession } from './print-session.js';

/** Whether this build makes the briefing pack, and from what. */
export interface PackDecision {
  /** A build of every document (not `--only` or a shard). */
  readonly complete: boolean;
  readonly hasLayout: boolean;
  /** A complete build with a pack layout, not told to skip it. */
  readonly wanted: boolean;
  /** What the pack would be made from, given the parts' manifest entries. */
  inputs(entries: readonly ManifestEntry[]): Record<string, string>;
  /** The pack in the output folder, when it was made from exactly these parts. */
  current(entries: readonly ManifestEntry[]): ManifestEntry | undefined;
  /** What the pack is reported as: its PDF, and its layout as the file it comes from. */
  readonly result: Pick<DocumentResult, 'name' | 'kind' | 'source' | 'output'>;
}

export function decidePack(
  config: BuildConfig, complete: boolean, jobs: readonly RenderJob[], templates: LoadedTemplates, previous: Manifest | undefined, fontsHash: string,
): PackDecision {
  const previousEntry = previous?.documents.find((entry) => entry.output === PACK_OUTPUT);
  const inputs = (entries: readonly ManifestEntry[]): Record<string, string> => packInputs(jobs, entries, templatesHash(PACK_LAYOUT, templates, 'en'), fontsHash);
  const layout = templates.layouts.get(PACK_LAYOUT);
  return {
    complete,
    hasLayout: layout !== undefined,
    wanted: complete && !config.skipPack && layout !== undefined,
    inputs,
    current: (entries) => (previousEntry !== undefined && !config.force && sameInputs(previousEntry.inputs, inputs(entries)) ? previousEntry : undefined),
    result: { name: PACK_NAME, kind: 'briefing-pack', source: layout?.displayPath ?? PACK_LAYOUT, output: PACK_OUTPUT },
  };
}

/** Logs the pack as unchanged when it is wanted and current; says whether it was. */
export function notePackCurrent(decision: PackDecision, entries: readonly ManifestEntry[], log: BuildLog): boolean {
  const current = decision.wanted ? decision.current(entries) : undefined;
  if (current !== undefined) log.pack({ ...decision.result, status: 'unchanged', pages: current.pages });
  return current !== undefined;
}

/** What making the pack works with. */
export interface PackStep {
  readonly config: BuildConfig;
  readonly log: BuildLog;
  readonly session: PrintSession;
  readonly templates: TemplateEnvironment;
  readonly context: (printer: ProduceContext['printer']) => Promise<ProduceContext>;
}

/**
 * After the documents (it needs their page counts, and is only worth printing if they all
 * succeeded): makes and writes the pack unless it is current. The browser is closed as soon as
 * the pack's sheets are printed, before the merge.
 */
export async function packStep(decision: PackDecision, jobs: readonly RenderJob[], entries: readonly ManifestEntry[], step: PackStep): Promise<void> {
  const { config, log, session } = step;
  const skipped = !decision.complete || config.skipPack ? undefined
    : !decision.hasLayout ? `the templates have no ${PACK_LAYOUT} layout`
      : log.hasFailures() ? 'some documents failed' : undefined;
  if (skipped !== undefined) {
    log.warnings.push({ message: `${PACK_OUTPUT} was not rebuilt: ${skipped}` });
    return;
  }
  if (!decision.wanted || notePackCurrent(decision, entries, log)) return;
  try {
    const printer = await session.printer();
    if (printer instanceof FactsheetsError) {
      // The session reported why, once for the build.
      log.pack({ ...decision.result, status: 'failed' });
      return;
    }
    const parts = jobs.map((job) => ({ job, pages: log.pagesOf(job.document.name) ?? 1 }));
    const printed = await makePack(parts, step.templates, await step.context(printer), () => session.close());
    if (printed === undefined) return;
    log.manifest.push(await writePack(printed, decision.inputs(entries), config.outDir));
    log.pack({ ...decision.result, status: 'built', pages: printed.pages, milliseconds: printed.milliseconds });
  } catch (error) {
    log.pack({ ...decision.result, status: 'failed' });
    if (error instanceof OutputWriteError) log.writeFailed(error);
    else log.errors.push(toFactsheetsError(error, { stage: 'print', file: PACK_OUTPUT }).within('briefing pack'));
  }
}

/**
 * Makes the briefing pack: cover and contents printed, then every document's own PDF as it is
 * in the output folder (nothing laid out again), and the pack's page numbers drawn over all
 * but the cover from a sheet of numbers. Memory and time grow with the pages copied, not with
 * a 200-page layout in the browser. The caller writes it, once every part succeeded.
 */
export async function makePack(
  built: readonly BuiltPart[],
  templates: TemplateEnvironment,
  context: ProduceContext,
  /** Told once the browser's part is done (the merge needs none): the build closes it, and its memory is free before the merge. */
  printed: () => Promise<void> = async () => undefined,
): Promise<PackPdf | undefined> {
  const plan = planPack(built);
  if (plan === undefined) return undefined;
  const started = context.now();
  const lead = built.find((part) => part.job.kind === 'factsheet')?.job;
  const date = creationDate(context.config, lead?.document.meta.date);
  const outDir = context.config.outDir;
  const sheets = packSheets(plan, templates);
  const [front, numbers, parts] = await Promise.all([
    context.printer.print(sheets.front, { fonts: context.fonts }),
    context.printer.print(sheets.numbers, { tagged: false, fonts: context.fonts }),
    Promise.all(plan.parts.map(async ({ job }) => ({ name: job.outputPath, bytes: await readFile(join(outDir, job.outputPath)) }))),
  ]);
  await printed();
  const info = infoDictionary({
    title: plan.title,
    ...(lead?.info.author === undefined ? {} : { author: lead.info.author }),
    subject: 'The factsheet and every country brief in one document',
    keywords: ['briefing pack', ...plan.partTitles],
    creator: CREATOR,
  }, `(${pdfDate(date)})`, `(${pdfDate(date)})`);
  const pieces = mergePdfPieces({
    parts: [{ name: `${PACK_OUTPUT} (cover and contents)`, bytes: finishPackSheet(front, plan.frontPages, 'cover and contents', date, context.coverage) }, ...parts],
    overlay: { name: `${PACK_OUTPUT} (page numbers)`, bytes: finishPackSheet(numbers, plan.totalPages, 'page numbers', date, context.coverage), firstPage: 2 },
    info,
    lang: '(en)',
  });
  return { pieces, pages: plan.totalPages, milliseconds: Math.round(context.now() - started) };
}

/** The pack as the pieces of its file (see mergePdfPieces), its pages and how long it took. */
export interface PackPdf {
  readonly pieces: readonly Uint8Array[];
  readonly pages: number;
  readonly milliseconds: number;
}

/** The HTML of the pack's two printed sheets: cover and contents, and the page numbers. */
export function packSheets(plan: PackPlan, templates: TemplateEnvironment): { readonly front: string; readonly numbers: string } {
  return { front: templates.renderLayout(PACK_LAYOUT, plan.view, ''), numbers: templates.renderLayout(PACK_LAYOUT, plan.numbersView, '') };
}

/** Writes the printed pack and describes it for the manifest. */
export async function writePack(printed: PackPdf, inputs: Record<string, string>, outDir: string): Promise<ManifestEntry> {
  await writeOutput(outDir, PACK_OUTPUT, printed.pieces);
  return {
    output: PACK_OUTPUT, name: PACK_NAME, kind: 'briefing-pack', source: PACK_LAYOUT,
    pages: printed.pages, bytes: printed.pieces.reduce((sum, piece) => sum + piece.byteLength, 0), sha256: sha256(printed.pieces),
    // Piece by piece: every object's text is a piece of its own, so no font name is split.
    fonts: [...new Set(printed.pieces.flatMap((piece) => fontNames(piece)))].sort(),
    inputs, renderMs: printed.milliseconds,
  };
}

/** What the pack is made from: its parts' PDFs (by hash), its layout, the fonts, the tool. */
export function packInputs(jobs: readonly RenderJob[], entries: readonly ManifestEntry[], layoutHash: string, fontsHash: string): Record<string, string> {
  const byOutput = new Map(entries.map((entry) => [entry.output, entry.sha256]));
  const parts = jobs.map((job) => `${job.outputPath}:${byOutput.get(job.outputPath) ?? 'missing'}`).sort();
  return { parts: sha256(parts.join('\n')), templates: layoutHash, fonts: fontsHash, tool: VERSION };
}
