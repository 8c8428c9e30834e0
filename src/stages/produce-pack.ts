import type { TemplateEnvironment } from '../handlebars/environment.js';
import type { RenderJob } from '../types.js';
import { VERSION } from '../version.js';
import { CREATOR } from './plan.js';
import { finishPack, fontNames } from './finish.js';
import { sha256, type ManifestEntry } from './manifest.js';
import { PACK_LAYOUT, PACK_OUTPUT, packPart, planPack, type BuiltPart, type PackPlan } from './pack.js';
import { creationDate, type ProduceContext } from './produce.js';
import { renderPage } from './render.js';
import { writeOutput } from './write.js';

/**
 * Prints the briefing pack: cover, contents with page numbers, then every document, as one
 * HTML document, so that page numbers run on and the outline holds every heading. The caller
 * writes it, once it knows that every part succeeded.
 */
export async function printPack(
  built: readonly BuiltPart[],
  templates: TemplateEnvironment,
  context: ProduceContext,
): Promise<{ readonly bytes: Uint8Array; readonly pages: number; readonly milliseconds: number } | undefined> {
  const plan = planPack(built);
  if (plan === undefined) return undefined;
  const started = context.now();
  const printed = await context.printer.print(packHtml(plan, templates, context.config.contentDir));
  const lead = built.find((part) => part.job.kind === 'factsheet')?.job;
  const date = creationDate(context.config, lead?.document.meta.date);
  const bytes = finishPack(printed, plan.totalPages, date, {
    title: plan.title,
    ...(lead?.info.author === undefined ? {} : { author: lead.info.author }),
    subject: 'The factsheet and every country brief in one document',
    keywords: ['briefing pack', ...plan.partTitles],
    creator: CREATOR,
  }, context.coverage);
  return { bytes, pages: plan.totalPages, milliseconds: Math.round(context.now() - started) };
}

/** The pack as one HTML document: its layout around every part, each re-rendered with its pack page number. */
export function packHtml(plan: PackPlan, templates: TemplateEnvironment, contentDir: string): string {
  const body = plan.parts.map((job) => packPart(renderPage(job, templates, contentDir).html)).join('\n');
  return templates.renderLayout(PACK_LAYOUT, plan.view, body);
}

/** Writes the printed pack and describes it for the manifest. */
export async function writePack(
  printed: { readonly bytes: Uint8Array; readonly pages: number; readonly milliseconds: number },
  inputs: Record<string, string>,
  outDir: string,
): Promise<ManifestEntry> {
  await writeOutput(outDir, PACK_OUTPUT, printed.bytes);
  return {
    output: PACK_OUTPUT, name: 'briefing-pack', kind: 'briefing-pack', source: PACK_LAYOUT,
    pages: printed.pages, bytes: printed.bytes.byteLength, sha256: sha256(printed.bytes), fonts: fontNames(printed.bytes),
    inputs, renderMs: printed.milliseconds,
  };
}

/** What the pack is made from: its parts' PDFs (by hash), its layout, the fonts, the tool. */
export function packInputs(jobs: readonly RenderJob[], entries: readonly ManifestEntry[], layoutHash: string, fontsHash: string): Record<string, string> {
  const byOutput = new Map(entries.map((entry) => [entry.output, entry.sha256]));
  const parts = jobs.map((job) => `${job.outputPath}:${byOutput.get(job.outputPath) ?? 'missing'}`).sort();
  return { parts: sha256(parts.join('\n')), templates: layoutHash, fonts: fontsHash, tool: VERSION };
}
