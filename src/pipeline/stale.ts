import { planJobs } from '../stages/plan.js';
import { packOf } from '../stages/plan/pack.js';
import type { BuildWarning } from '../model/documents.js';
import { sameInputs } from './changes.js';
import { currentInputs } from './produce.js';
import type { Run } from './run.js';

/**
 * After `--only`: the outputs this run leaves alone that no longer match their inputs (a row
 * changed that the factsheet also totals; the pack holds the old pages), named in one warning
 * with how to refresh them. Nothing is said when they all still agree.
 */
export function staleOutputs(
  run: Run,
  printedLanguages: ReadonlySet<string>,
): { readonly warning: BuildWarning; readonly outputs: readonly string[] } | undefined {
  const chosen = new Set(run.documents.map((document) => document.name));
  const entries = new Map((run.previous?.documents ?? []).map((entry) => [entry.output, entry]));
  const others = planJobs(
    run.validation.documents.filter((document) => !chosen.has(document.name)),
    run.dataset,
    undefined,
    run.settings,
    run.messagesOf,
  ).jobs;
  const stale = others
    .filter((job) => {
      const entry = entries.get(job.outputPath);
      return entry !== undefined && !sameInputs(entry.inputs, currentInputs(job, run, entry));
    })
    .map((job) => job.outputPath)
    .sort();
  // The languages of the documents this run prints: their packs, made from the old PDFs, are out of date too.
  const packs = [...printedLanguages].map((lang) => packOf(lang, run.project).output);
  stale.push(...packs.filter((pack) => entries.has(pack)).sort());
  if (stale.length === 0) return undefined;
  const names = stale.length === 1 ? stale[0] : `${stale.slice(0, -1).join(', ')} and ${stale[stale.length - 1]}`;
  return {
    outputs: stale,
    warning: {
      message: `${names} now ${stale.length === 1 ? 'disagrees' : 'disagree'} with ${stale.length === 1 ? 'its' : 'their'} inputs (this run was limited by --only); build without --only to refresh ${stale.length === 1 ? 'it' : 'them'}`,
    },
  };
}
