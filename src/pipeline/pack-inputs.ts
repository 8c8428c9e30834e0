import type { BuildConfig } from '../config.js';
import type { MessageFile } from '../messages/catalog.js';
import { planPack, type PackPlan } from '../stages/plan/pack.js';
import type { RenderJob } from '../model/documents.js';
import { VERSION } from '../version.js';
import { sha256, type ManifestEntry } from './manifest.js';
import { creationDate } from './produce.js';

/**
 * The one description of a pack, from which it is both made and recorded in the manifest (so
 * that the two cannot disagree): its parts in pack order with the page counts of their PDFs
 * (from the manifest's entries), its cover and contents, its Info and date. `countryOrder` is
 * the order a pack without a factsheet of its own follows (another language's factsheet's).
 */
export function describePack(
  jobs: readonly RenderJob[],
  entries: readonly ManifestEntry[],
  messages: MessageFile | undefined,
  countryOrder: readonly string[],
): PackPlan | undefined {
  const pages = new Map(entries.map((entry) => [entry.output, entry.pages]));
  return planPack(
    jobs.map((job) => ({ job, pages: pages.get(job.outputPath) ?? 1 })),
    messages,
    countryOrder,
  );
}

/**
 * Everything the pack's bytes depend on besides its parts' PDFs, its layout and the fonts, from
 * its description, hashed: which parts, in which order, on how many pages; the cover, contents
 * and page-number sheets' views (titles, pack_title, the summary, language); its Info and date.
 */
export function packPrinted(plan: PackPlan | undefined, config: BuildConfig): string {
  return sha256(
    JSON.stringify(
      plan === undefined
        ? null
        : {
            title: plan.title,
            subject: plan.subject,
            keyword: plan.keyword,
            lang: plan.lang,
            partTitles: plan.partTitles,
            view: plan.view,
            numbersView: plan.numbersView,
            parts: plan.parts.map((part) => [part.job.outputPath, part.pages]),
            frontPages: plan.frontPages,
            totalPages: plan.totalPages,
            date: creationDate(config, plan.date).toISOString(),
            author: plan.author ?? null,
          },
    ),
  );
}

/**
 * What the pack is made from: its parts' PDFs (by hash) and what they are made from (a
 * factsheet's pack edition is printed from its inputs, and a change may show in it alone),
 * its layout, the fonts, the tool.
 */
export function packInputs(
  jobs: readonly RenderJob[],
  entries: readonly ManifestEntry[],
  layoutHash: string,
  fontsHash: string,
): Record<string, string> {
  const byOutput = new Map(
    entries.map((entry) => [
      entry.output,
      `${entry.sha256}:${sha256(JSON.stringify(Object.entries(entry.inputs).sort()))}`,
    ]),
  );
  const parts = jobs.map((job) => `${job.outputPath}:${byOutput.get(job.outputPath) ?? 'missing'}`).sort();
  return { parts: sha256(parts.join('\n')), templates: layoutHash, fonts: fontsHash, tool: VERSION };
}
