import type { RenderJob } from '../../model/documents.js';

/** What the pack's Info and cover say of it, from its parts (in pack order). */
export interface PackMetadata {
  readonly author: string | undefined;
  /** ISO date: the cover's date and the PDF's creation date. */
  readonly date: string | undefined;
}

/**
 * A pack speaks with its lead factsheet's Author and date; a pack without one (a language
 * whose only editions are briefs) with the settings' publisher and its newest document's date,
 * else the newest document's own Author.
 */
export function packMetadata(jobs: readonly RenderJob[]): PackMetadata {
  const lead = jobs.find((job) => job.kind === 'factsheet');
  const dated = jobs.filter((job) => job.document.meta.date !== undefined);
  const newest = dated.reduce<RenderJob | undefined>(
    (found, job) =>
      found === undefined || (job.document.meta.date ?? '') > (found.document.meta.date ?? '') ? job : found,
    undefined,
  );
  const author =
    lead?.info.author ??
    jobs.map(publisherOf).find((publisher) => publisher !== undefined) ??
    newest?.info.author ??
    jobs.find((job) => job.info.author !== undefined)?.info.author;
  return { author, date: lead?.document.meta.date ?? newest?.document.meta.date };
}

/** The project's publisher as a part's view carries its settings (plan/settings.ts), in the pack's language. */
function publisherOf(job: RenderJob | undefined): string | undefined {
  return settingOf(job, 'publisher');
}

/** One of the settings a part's view carries; undefined when it has none. */
export function settingOf(job: RenderJob | undefined, name: string): string | undefined {
  const settings: unknown = job?.view['settings'];
  const value: unknown =
    typeof settings === 'object' && settings !== null && name in settings
      ? (settings as Record<string, unknown>)[name]
      : undefined;
  return typeof value === 'string' ? value : undefined;
}
