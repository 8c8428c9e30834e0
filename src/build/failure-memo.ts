import type { FactsheetsError } from '../errors.js';
import type { DocumentResult } from '../types.js';

/** What a failed document was made from, and what failed it. */
interface Failure {
  readonly fingerprint: string;
  readonly result: DocumentResult;
  readonly errors: readonly FactsheetsError[];
}

/**
 * Watch mode's memory of failed documents: a document that failed is tried again only once
 * its recorded inputs (the same hashes the manifest keeps) change, so that saving an unrelated
 * file neither re-renders it nor prints its error in full again. A plain build keeps no memo.
 */
export class FailureMemo {
  private readonly failures = new Map<string, Failure>();

  /** The remembered failure of a document, when its inputs are still those it failed with. */
  recall(name: string, fingerprint: string): Failure | undefined {
    const failure = this.failures.get(name);
    return failure?.fingerprint === fingerprint ? failure : undefined;
  }

  /** After a build: failures tried in it are remembered, documents it built (or dropped) forgotten. */
  learn(tried: ReadonlyMap<string, string>, results: readonly DocumentResult[], errors: readonly FactsheetsError[]): void {
    for (const [name, fingerprint] of tried) {
      const result = results.find((candidate) => candidate.name === name && candidate.edition === undefined && candidate.kind !== 'briefing-pack');
      const own = errors.filter((error) => error.document === name);
      if (result?.status === 'failed' && own.length > 0) this.failures.set(name, { fingerprint, result, errors: own });
      else this.failures.delete(name);
    }
  }
}

/** One fingerprint for all the editions of a document: each output with its inputs, in a fixed order. */
export function fingerprintOf(editions: readonly { readonly output: string; readonly inputs: Readonly<Record<string, string>> }[]): string {
  const sorted = [...editions].sort((a, b) => (a.output < b.output ? -1 : 1))
    .map(({ output, inputs }) => [output, Object.keys(inputs).sort().map((key) => [key, inputs[key]])]);
  return JSON.stringify(sorted);
}
