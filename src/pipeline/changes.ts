import { statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FactsheetsError } from '../errors.js';
import { MANIFEST_FILE, type Manifest, type ManifestEntry } from './manifest.js';
import { confinedOutputPath } from '../outputs/paths.js';
import type { RenderJob } from '../model/documents.js';

/** Jobs split by whether their output must be printed again. */
export interface Changes {
  readonly outOfDate: readonly RenderJob[];
  readonly upToDate: readonly { readonly job: RenderJob; readonly entry: ManifestEntry }[];
}

/**
 * A job is up to date when the manifest has an entry for its output made from exactly the
 * same inputs (Markdown, dataset rows, templates, fonts, tool version, options) and that file
 * is still there at the recorded size. `force` makes every job out of date.
 */
export function findChanges(
  jobs: readonly RenderJob[],
  inputsOf: (job: RenderJob, entry: ManifestEntry | undefined) => Readonly<Record<string, string>>,
  previous: Manifest | undefined,
  outDir: string,
  force: boolean,
): Changes {
  const entries = new Map((previous?.documents ?? []).map((entry) => [entry.output, entry]));
  const outOfDate: RenderJob[] = [];
  const upToDate: { job: RenderJob; entry: ManifestEntry }[] = [];
  for (const job of jobs) {
    const entry = entries.get(job.outputPath);
    // One small synchronous stat per output: far quicker than as many thread-pool round trips.
    const current =
      !force &&
      entry !== undefined &&
      sameInputs(entry.inputs, inputsOf(job, entry)) &&
      sizeOf(join(outDir, job.outputPath)) === entry.bytes;
    if (current && entry !== undefined) upToDate.push({ job, entry });
    else outOfDate.push(job);
  }
  return { outOfDate, upToDate };
}

/** A file's size, or undefined if it cannot be read for any reason. */
function sizeOf(path: string): number | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })?.size;
  } catch {
    return undefined;
  }
}

export function sameInputs(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Outputs in the manifest whose document no longer exists (its Markdown was deleted or
 * renamed): their PDFs, screen and print, are removed. Only for builds of every document.
 * Every path is checked before the first is removed: one that is not a PDF of the output
 * folder (a planted or edited manifest) is an error, and then nothing is removed.
 */
export async function removeOrphans(
  previous: Manifest | undefined,
  kept: { readonly names: ReadonlySet<string>; readonly packs: ReadonlySet<string> },
  outDir: string,
): Promise<string[]> {
  const orphans = (previous?.documents ?? []).filter((entry) =>
    entry.kind === 'briefing-pack'
      ? !kept.packs.has(entry.output)
      : (entry.kind === 'factsheet' || entry.kind === 'one-pager') && !kept.names.has(entry.name),
  );
  const targets: string[] = [];
  for (const entry of orphans) {
    const target = confinedOutputPath(outDir, entry.output, join(outDir, MANIFEST_FILE));
    if (target instanceof FactsheetsError) throw target;
    targets.push(target);
  }
  for (const target of targets) await rm(target, { force: true });
  return orphans.map((entry) => entry.output);
}
