import type { BuildConfig } from '../config.js';
import type { MessageFile } from '../messages/catalog.js';
import { planPack } from '../stages/plan/pack.js';
import type { RenderJob } from '../types.js';
import { VERSION } from '../version.js';
import { sha256, type ManifestEntry } from './manifest.js';
import { creationDate } from './produce.js';

/**
 * What the pack prints besides its parts' pages: its cover, contents and Info, from the parts'
 * titles and page counts, the settings (pack_title), the messages and the date, hashed.
 */
export function packPrinted(jobs: readonly RenderJob[], entries: readonly ManifestEntry[], messages: MessageFile | undefined, config: BuildConfig): string {
  const pages = new Map(entries.map((entry) => [entry.output, entry.pages]));
  const plan = planPack(jobs.map((job) => ({ job, pages: pages.get(job.outputPath) ?? 1 })), messages);
  const lead = jobs.find((job) => job.kind === 'factsheet');
  return sha256(JSON.stringify(plan === undefined ? null : {
    title: plan.title, subject: plan.subject, keyword: plan.keyword, lang: plan.lang, partTitles: plan.partTitles, view: plan.view, numbersView: plan.numbersView,
    parts: plan.parts.map((part) => part.job.outputPath), date: creationDate(config, lead?.document.meta.date).toISOString(), author: lead?.info.author ?? null,
  }));
}

/** What the pack is made from: its parts' PDFs (by hash), its layout, the fonts, the tool. */
export function packInputs(jobs: readonly RenderJob[], entries: readonly ManifestEntry[], layoutHash: string, fontsHash: string): Record<string, string> {
  const byOutput = new Map(entries.map((entry) => [entry.output, entry.sha256]));
  const parts = jobs.map((job) => `${job.outputPath}:${byOutput.get(job.outputPath) ?? 'missing'}`).sort();
  return { parts: sha256(parts.join('\n')), templates: layoutHash, fonts: fontsHash, tool: VERSION };
}
