import type { TemplateEnvironment } from '../stages/render/handlebars/environment.js';
import type { DocumentResult, HtmlPage, RenderJob } from '../model/documents.js';
import { fontNames } from '../stages/finish.js';
import { sha256, templatesHash, type ManifestEntry, type PackPart } from './manifest.js';
import { PACK_NAME, PACK_OUTPUT } from '../outputs/paths.js';
import { PACK_LAYOUT, leadCountries, packOf, type PackPlan } from '../stages/plan/pack.js';
import type { MessagesOf } from '../messages/bundled.js';
import type { ValidationResult } from '../stages/validate.js';
import { languageOf, projectLanguage } from '../outputs/paths.js';
import { outputFor } from '../outputs/registry.js';
import { editionOf } from '../stages/validate/front-matter.js';
import { creationDate, type ProduceContext } from './produce.js';
import { OutputWriteError, writeOutput } from '../stages/write.js';
import { packPartBytes } from './pack-edition.js';
import type { BuildConfig } from '../config.js';
import { FactsheetsError, formatPosition, toFactsheetsError } from '../errors.js';
import { sameInputs } from './changes.js';
import { describePack, packInputs, packPrinted } from './pack-inputs.js';
import type { Outcome } from './outcome.js';
import type { Run } from './run.js';
import type { PrintSession } from './print-session.js';

/** Whether this build makes one language's briefing pack, and from what. */
export interface PackDecision {
  /** The pack's language: its documents are that language's editions. */
  readonly lang: string;
  /** Its PDF, relative to the output folder (`briefing-pack.pdf`, `fr/briefing-pack.pdf`). */
  readonly output: string;
  /** Its documents' jobs. */
  readonly jobs: readonly RenderJob[];
  /** Every document of its language, planned or not: the pack waits until none of them fails. */
  readonly names: ReadonlySet<string>;
  /** A build of every document (not `--only` or a shard). */
  readonly complete: boolean;
  readonly hasLayout: boolean;
  /** A complete build with a pack layout, not told to skip it. */
  readonly wanted: boolean;
  /** The pack as it would be made from the parts' manifest entries: what it is made from and what is recorded of it. */
  plan(entries: readonly ManifestEntry[]): PackPlan | undefined;
  /** What the pack would be made from, given the parts' manifest entries (its plan's, see packPrinted). */
  inputs(entries: readonly ManifestEntry[]): Record<string, string>;
  /** The pack in the output folder, when it was made from exactly these parts. */
  current(entries: readonly ManifestEntry[]): ManifestEntry | undefined;
  /** What the pack is reported as: its PDF, and its layout as the file it comes from. */
  readonly result: Pick<DocumentResult, 'name' | 'kind' | 'source' | 'output'>;
}

/** The languages of a project's documents, the project's own first: one pack each. */
function packLanguages(validation: Pick<ValidationResult, 'documents' | 'settings'>): {
  readonly all: readonly string[];
  readonly project: string;
} {
  const project = projectLanguage(validation.settings);
  const used = new Set(validation.documents.map((document) => languageOf(document, validation.settings)));
  return {
    all: [project, ...[...used].sort()].filter((lang, index, all) => used.has(lang) && all.indexOf(lang) === index),
    project,
  };
}

/**
 * What a complete build keeps: every document whose Markdown is there (by name), valid or not,
 * and the pack of every language such a document is in (by output); only the outputs of
 * deleted documents are orphans (see removeOrphans). A failed document keeps its last good PDFs.
 */
export function keptOutputs(validation: Pick<ValidationResult, 'documents' | 'settings' | 'failed'>): {
  readonly names: ReadonlySet<string>;
  readonly packs: ReadonlySet<string>;
} {
  const languages = packLanguages(validation);
  const failedLanguages = validation.failed.map((entry) => editionOf(entry.name).lang ?? languages.project);
  return {
    names: new Set([
      ...validation.documents.map((document) => document.name),
      ...validation.failed.map((entry) => entry.name),
    ]),
    packs: new Set([...languages.all, ...failedLanguages].map((lang) => packOf(lang, languages.project).output)),
  };
}

/**
 * A broken pack layout (validation reported its error, once) stops the packs alone: none is
 * made, the last ones are kept, out of date with that error, and the documents are built.
 */
export function withoutBrokenPackLayout(
  packs: readonly PackDecision[],
  brokenLayouts: ReadonlyMap<string, FactsheetsError>,
  log: Outcome,
): PackDecision[] {
  const error = brokenLayouts.get(PACK_LAYOUT);
  if (error === undefined) return [...packs];
  const why = `its layout has an error (${formatPosition(error)}: ${error.message})`;
  return packs.map((pack) => {
    if (!pack.wanted) return pack;
    log.notRebuilt.set(pack.output, why);
    log.pack({ ...pack.result, status: 'failed' });
    return { ...pack, wanted: false };
  });
}

/** One pack per language of the documents (the project's first), each of that language's editions. */
export function decidePacks(run: Run, jobs: readonly RenderJob[]): PackDecision[] {
  const { config, complete, validation, templates, previous, fontsHash, messagesOf } = run;
  const languages = packLanguages(validation);
  const ownJobs = languages.all.map((lang) => jobs.filter((job) => job.lang === lang));
  // A pack without a factsheet of its own lists its briefs in the order of another language's.
  const countryOrder = leadCountries(ownJobs.flat());
  return languages.all.map((lang, index) => {
    const { name, output } = packOf(lang, languages.project);
    const own = ownJobs[index] ?? [];
    const names = new Set([
      ...validation.documents
        .filter((document) => languageOf(document, validation.settings) === lang)
        .map((document) => document.name),
      ...validation.failed
        .filter((entry) => (editionOf(entry.name).lang ?? languages.project) === lang)
        .map((entry) => entry.name),
    ]);
    const previousEntry = previous?.documents.find((entry) => entry.output === output);
    const messages = messagesOf(lang);
    const plan = (entries: readonly ManifestEntry[]): PackPlan | undefined =>
      describePack(own, entries, messages.ok ? messages.messages : undefined, countryOrder);
    const inputs = (entries: readonly ManifestEntry[]): Record<string, string> => ({
      ...packInputs(own, entries, templatesHash(PACK_LAYOUT, templates, lang), fontsHash),
      printed: packPrinted(plan(entries), config),
    });
    const layout = templates.layouts.get(PACK_LAYOUT);
    return {
      lang,
      output,
      jobs: own,
      names,
      complete,
      hasLayout: layout !== undefined,
      wanted: complete && outputFor('pack').wanted(config) && layout !== undefined,
      plan,
      inputs,
      current: (entries) =>
        previousEntry !== undefined && !config.force && sameInputs(previousEntry.inputs, inputs(entries))
          ? previousEntry
          : undefined,
      result: { name, kind: 'briefing-pack', source: layout?.displayPath ?? PACK_LAYOUT, output },
    };
  });
}

/** "French", "English": a language as the build's messages (in English) name it. */
function languageName(lang: string): string {
  return new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' }).of(lang) ?? lang;
}

/** Logs each wanted pack that is current as unchanged; says whether every wanted pack was. */
export function notePacksCurrent(
  decisions: readonly PackDecision[],
  entries: readonly ManifestEntry[],
  log: Outcome,
): boolean {
  let all = true;
  for (const decision of decisions) {
    if (!decision.wanted) continue;
    const current = decision.current(entries);
    if (current !== undefined) log.pack({ ...decision.result, status: 'unchanged', pages: current.pages });
    else all = false;
  }
  return all;
}

/** What making the pack works with. */
export interface PackStep {
  readonly config: BuildConfig;
  /** Where this step records what it did. */
  readonly log: Outcome;
  /** Whether the last build left this output in the output folder. */
  readonly madeBefore: (output: string) => boolean;
  /** Whether any of these documents failed in this build so far. */
  readonly anyFailed: (names: ReadonlySet<string>) => boolean;
  readonly session: PrintSession;
  readonly templates: TemplateEnvironment;
  readonly context: (printer: ProduceContext['printer']) => Promise<ProduceContext>;
  /** A language's messages, checked against the templates. */
  readonly messagesOf: MessagesOf;
  /** A job to its HTML page: for the documents that go into the pack as their pack edition (see pack-edition.ts). */
  readonly renderPage: (job: RenderJob) => Promise<HtmlPage>;
}

/**
 * After the documents (it needs their page counts, and is only worth printing if they all
 * succeeded): makes and writes the pack unless it is current. The browser is closed as soon as
 * the pack's sheets are printed, before the merge.
 */
export async function packSteps(
  decisions: readonly PackDecision[],
  entries: readonly ManifestEntry[],
  step: PackStep,
): Promise<void> {
  for (const [index, decision] of decisions.entries()) {
    // The browser may close once the last pack's sheets are printed.
    await packStep(decision, entries, { ...step, lastPack: index === decisions.length - 1 });
  }
}

async function packStep(
  decision: PackDecision,
  entries: readonly ManifestEntry[],
  step: PackStep & { readonly lastPack: boolean },
): Promise<void> {
  const { config, log, session } = step;
  const { output } = decision;
  // Templates without a pack layout build no pack: worth a word only when one is left behind, out of date.
  if (!decision.hasLayout && !step.madeBefore(output)) return;
  const skipped =
    !decision.complete || !outputFor('pack').wanted(config)
      ? undefined
      : !decision.hasLayout
        ? `the templates have no ${PACK_LAYOUT} layout`
        : step.anyFailed(decision.names)
          ? `some ${languageName(decision.lang)} documents failed`
          : undefined;
  if (skipped !== undefined) {
    log.warnings.push({ message: `${output} was not rebuilt: ${skipped}` });
    log.notRebuilt.set(output, skipped);
    return;
  }
  if (!decision.wanted || notePacksCurrent([decision], entries, log)) return;
  // Unusable messages fail the language's documents, so the pack is skipped above: never a pack in the bundled words instead.
  const messages = step.messagesOf(decision.lang);
  if (!messages.ok) return;
  try {
    const printer = await session.printer();
    if (printer instanceof FactsheetsError) {
      // The session reported why, once for the build.
      log.pack({ ...decision.result, status: 'failed' });
      log.notRebuilt.set(output, printer.message);
      return;
    }
    // The same description the inputs below record: the pack is made from what is recorded of it.
    const printed = await makePack(decision.plan(entries), step.templates, await step.context(printer), {
      output,
      renderPage: step.renderPage,
      printed: step.lastPack ? () => session.close() : undefined,
    });
    if (printed === undefined) return;
    log.manifest.push(await writePack(printed, decision.inputs(entries), config.outDir, decision.result));
    log.pack({ ...decision.result, status: 'built', pages: printed.pages, milliseconds: printed.milliseconds });
  } catch (error) {
    log.pack({ ...decision.result, status: 'failed' });
    log.notRebuilt.set(output, toFactsheetsError(error, { stage: 'print', file: output }).message);
    if (error instanceof OutputWriteError) log.writeFailed(error);
    else log.errors.push(toFactsheetsError(error, { stage: 'print', file: output }).within('briefing pack'));
  }
}

/**
 * Makes the briefing pack: cover and contents printed, then every document's own PDF as it is
 * in the output folder (nothing laid out again), except that a document with page numbers of
 * its own (a factsheet) goes in as its pack edition, printed now without them; and the pack's
 * page numbers drawn over all but the cover from a sheet of numbers, one number a page. Memory
 * and time grow with the pages copied, not with a 200-page layout in the browser; the pack's
 * module finishes it (outputs/pack.ts). `plan` is the decision's (describePack), the one its
 * recorded inputs come from. The caller writes it, once every part succeeded.
 */
export async function makePack(
  plan: PackPlan | undefined,
  templates: TemplateEnvironment,
  context: ProduceContext,
  options: {
    /** Its output path, to name its pieces. */
    readonly output?: string;
    /** Renders a part's pack edition (see pack-edition.ts). */
    readonly renderPage: (job: RenderJob) => Promise<HtmlPage>;
    /** Told once the browser's part is done (the merge needs none): the build closes it, and its memory is free before the merge. */
    readonly printed?: (() => Promise<void>) | undefined;
  },
): Promise<PackPdf | undefined> {
  const output = options.output ?? PACK_OUTPUT;
  if (plan === undefined) return undefined;
  const started = context.now();
  const date = creationDate(context.config, plan.date);
  const sheets = packSheets(plan, templates);
  const [front, numbers, parts] = await Promise.all([
    context.printer.print(sheets.front, { fonts: context.fonts }),
    context.printer.print(sheets.numbers, { tagged: false, fonts: context.fonts }),
    Promise.all(
      plan.parts.map(async (part) => ({
        name: part.job.outputPath,
        bytes: await packPartBytes(part, context, options.renderPage),
      })),
    ),
  ]);
  await options.printed?.();
  const pieces = await outputFor('pack').finish({ front, numbers, parts }, plan, date, context.coverage, output);
  return { pieces, pages: plan.totalPages, parts: packParts(plan), milliseconds: Math.round(context.now() - started) };
}

/** Which pages of the pack each document's are, in pack order. */
function packParts(plan: PackPlan): PackPart[] {
  return plan.parts.map(({ job, firstPage, pages }) => ({ output: job.outputPath, firstPage, pages }));
}

/** The pack as the pieces of its file (see mergePdfPieces), its pages and how long it took. */
export interface PackPdf {
  readonly pieces: readonly Uint8Array[];
  readonly pages: number;
  readonly parts: readonly PackPart[];
  readonly milliseconds: number;
}

/** The HTML of the pack's two printed sheets: cover and contents, and the page numbers. */
export function packSheets(
  plan: PackPlan,
  templates: TemplateEnvironment,
): { readonly front: string; readonly numbers: string } {
  return {
    front: templates.renderLayout(PACK_LAYOUT, plan.view, ''),
    numbers: templates.renderLayout(PACK_LAYOUT, plan.numbersView, ''),
  };
}

/** Writes the printed pack and describes it for the manifest. */
export async function writePack(
  printed: PackPdf,
  inputs: Record<string, string>,
  outDir: string,
  pack: { readonly name: string; readonly output: string } = { name: PACK_NAME, output: PACK_OUTPUT },
): Promise<ManifestEntry> {
  await writeOutput(outDir, pack.output, printed.pieces);
  return {
    output: pack.output,
    name: pack.name,
    kind: 'briefing-pack',
    source: PACK_LAYOUT,
    pages: printed.pages,
    bytes: printed.pieces.reduce((sum, piece) => sum + piece.byteLength, 0),
    sha256: sha256(printed.pieces),
    // Piece by piece: every object's text is a piece of its own, so no font name is split.
    fonts: [...new Set(printed.pieces.flatMap((piece) => fontNames(piece)))].sort(),
    inputs,
    renderMs: printed.milliseconds,
    parts: printed.parts,
  };
}
