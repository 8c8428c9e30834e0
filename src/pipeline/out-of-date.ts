import { formatPosition, type FactsheetsError } from '../errors.js';
import { outputOfPath, outputOfResult } from '../outputs/registry.js';
import type { DocumentResult, OutOfDateOutput } from '../model/documents.js';
import { sameInputs } from './changes.js';
import type { Manifest, ManifestEntry } from './manifest.js';

/** What a build knows about the outputs it did not make again. */
export interface KeptOutputsCheck {
  readonly previous: Manifest | undefined;
  /** Outputs written by this build, and outputs removed (their document was deleted). */
  readonly written: ReadonlySet<string>;
  readonly removed: readonly string[];
  readonly results: readonly DocumentResult[];
  readonly errors: readonly FactsheetsError[];
  /** Why an output (the pack) was not made again, when the build said so. */
  readonly notRebuilt: ReadonlyMap<string, string>;
  /** The inputs an output would be made from now, for outputs this build planned but did not make (print editions without --print). */
  readonly currentInputs: (entry: ManifestEntry) => Readonly<Record<string, string>> | undefined;
  /** A build of every document: the packs it does not make again are out of date when a document failed. */
  readonly complete: boolean;
}

/**
 * For each output in the previous manifest that this build kept as it was: undefined when it
 * is current, else why it is out of date. A document that failed keeps its last good PDFs,
 * out of date with the cause of the failure, until a build makes them again; an output this
 * build left alone (a print edition without --print) is out of date when its inputs changed.
 * Outputs the build says nothing about keep the mark they had.
 */
export function judgeKeptOutputs(check: KeptOutputsCheck): Map<string, string | undefined> {
  const byOutput = new Map(check.results.map((result) => [result.output, result]));
  const failedNames = new Set(
    check.results
      .filter((result) => result.status === 'failed' && !outputOfResult(result).madeOfOthers)
      .map((result) => result.name),
  );
  const verdicts = new Map<string, string | undefined>();
  for (const entry of check.previous?.documents ?? []) {
    if (check.written.has(entry.output) || check.removed.includes(entry.output)) continue;
    verdicts.set(entry.output, verdictOn(entry, byOutput.get(entry.output), failedNames, check));
  }
  return verdicts;
}

function verdictOn(
  entry: ManifestEntry,
  result: DocumentResult | undefined,
  failedNames: ReadonlySet<string>,
  check: KeptOutputsCheck,
): string | undefined {
  if (result?.status === 'unchanged') return undefined;
  const notRebuilt = check.notRebuilt.get(entry.output);
  if (notRebuilt !== undefined) return `not made again: ${notRebuilt}`;
  if (result?.status === 'failed' || (entry.kind !== 'briefing-pack' && failedNames.has(entry.name)))
    return `its last build failed: ${failureOf(entry.name, check.errors)}`;
  if (entry.kind === 'briefing-pack' && check.complete && failedNames.size > 0)
    return 'not made again: some documents failed';
  const inputs = check.currentInputs(entry);
  if (inputs === undefined) return entry.outOfDate;
  if (sameInputs(entry.inputs, inputs)) return undefined;
  // An output this build does not make (a print edition without --print): the flag that makes it.
  const flag = outputOfPath(entry.output)?.flag;
  return `made from older inputs; build${flag === undefined ? '' : ` with ${flag}`} to make it again`;
}

/** The error that failed a document: its own, else the build's shared one (the settings, a template). */
function failureOf(name: string, errors: readonly FactsheetsError[]): string {
  const error =
    errors.find((candidate) => candidate.document === name) ??
    errors.find((candidate) => candidate.document === undefined);
  if (error === undefined) return "see the build's errors";
  const position = formatPosition(error);
  return position === '' ? error.message : `${position}: ${error.message}`;
}

/** The outputs a manifest lists as out of date, with why, for the report. */
export function outOfDateOutputs(manifest: Manifest | undefined): OutOfDateOutput[] {
  return (manifest?.documents ?? []).flatMap((entry) =>
    entry.outOfDate === undefined ? [] : [{ output: entry.output, name: entry.name, reason: entry.outOfDate }],
  );
}
