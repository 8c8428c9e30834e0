import type { MessagesOf } from '../messages/bundled.js';
import { planJobs } from '../stages/plan.js';
import { packOf } from '../stages/plan/pack.js';
import { projectLanguage } from '../outputs/paths.js';
import type { BuildWarning, Dataset, Document, RenderJob, SettingsValues } from '../types.js';
import { sameInputs } from './changes.js';
import type { Manifest, ManifestEntry } from './manifest.js';

export interface StaleCheck {
  readonly all: readonly Document[];
  readonly selected: readonly Document[];
  readonly dataset: Dataset;
  readonly settings: SettingsValues;
  readonly previous: Manifest | undefined;
  readonly inputsOf: (job: RenderJob, entry: ManifestEntry) => Readonly<Record<string, string>>;
  /** The languages of the documents this run prints (their packs, made from the old PDFs, are out of date too). */
  readonly printedLanguages: ReadonlySet<string>;
  readonly messagesOf: MessagesOf;
}

/**
 * After `--only`: the outputs this run leaves alone that no longer match their inputs (a row
 * changed that the factsheet also totals; the pack holds the old pages), named in one warning
 * with how to refresh them. Nothing is said when they all still agree.
 */
export function staleOutputs(check: StaleCheck): { readonly warning: BuildWarning; readonly outputs: readonly string[] } | undefined {
  const chosen = new Set(check.selected.map((document) => document.name));
  const entries = new Map((check.previous?.documents ?? []).map((entry) => [entry.output, entry]));
  const others = planJobs(check.all.filter((document) => !chosen.has(document.name)), check.dataset, undefined, check.settings, check.messagesOf).jobs;
  const stale = others
    .filter((job) => {
      const entry = entries.get(job.outputPath);
      return entry !== undefined && !sameInputs(entry.inputs, check.inputsOf(job, entry));
    })
    .map((job) => job.outputPath)
    .sort();
  const packs = [...check.printedLanguages].map((lang) => packOf(lang, projectLanguage(check.settings)).output);
  stale.push(...packs.filter((pack) => entries.has(pack)).sort());
  if (stale.length === 0) return undefined;
  const names = stale.length === 1 ? stale[0] : `${stale.slice(0, -1).join(', ')} and ${stale[stale.length - 1]}`;
  return {
    outputs: stale,
    warning: { message: `${names} now ${stale.length === 1 ? 'disagrees' : 'disagree'} with ${stale.length === 1 ? 'its' : 'their'} inputs (this run was limited by --only); build without --only to refresh ${stale.length === 1 ? 'it' : 'them'}` },
  };
}
