import { formatError, type FactsheetsError } from '../errors.js';
import type { BuildReport, DocumentResult } from '../model/documents.js';
import { isScreenResult } from '../outputs/registry.js';

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
  /** Documents that failed before printing (validation, planning): their errors as printed. */
  private readonly earlyFailures = new Map<string, string>();

  /** The remembered failure of a document, when its inputs are still those it failed with. */
  recall(name: string, fingerprint: string): Failure | undefined {
    const failure = this.failures.get(name);
    return failure?.fingerprint === fingerprint ? failure : undefined;
  }

  /** Forgets every failure: the next build tries each failed document again. */
  forget(): void {
    this.failures.clear();
    this.earlyFailures.clear();
  }

  /**
   * After a build: learns its failures (see learn), and returns its report with the documents
   * that failed before printing exactly as last time among those still failing. Those cost no
   * rendering (validation runs on every build, and is quick); only their errors would repeat.
   */
  settle(report: BuildReport, tried: ReadonlyMap<string, string>): BuildReport {
    this.learn(tried, report.documents, report.errors);
    const already = new Set(report.stillFailing ?? []);
    const repeated: string[] = [];
    const seen = new Map<string, string>();
    for (const result of report.documents) {
      if (result.status !== 'failed' || tried.has(result.name) || already.has(result.name) || !isScreenResult(result))
        continue;
      const own = report.errors.filter((error) => error.document === result.name);
      if (own.length === 0) continue;
      const text = own.map((error) => formatError(error)).join('\n');
      if (this.earlyFailures.get(result.name) === text) repeated.push(result.name);
      seen.set(result.name, text);
    }
    // Forgotten once a build no longer fails them early (fixed, or now failing later).
    this.earlyFailures.clear();
    for (const [name, text] of seen) this.earlyFailures.set(name, text);
    return repeated.length === 0 ? report : { ...report, stillFailing: [...already, ...repeated] };
  }

  /** After a build: failures tried in it are remembered, documents it built (or dropped) forgotten. */
  learn(
    tried: ReadonlyMap<string, string>,
    results: readonly DocumentResult[],
    errors: readonly FactsheetsError[],
  ): void {
    for (const [name, fingerprint] of tried) {
      const result = results.find((candidate) => candidate.name === name && isScreenResult(candidate));
      const own = errors.filter((error) => error.document === name);
      if (result?.status === 'failed' && own.length > 0) this.failures.set(name, { fingerprint, result, errors: own });
      else this.failures.delete(name);
    }
  }
}

/** One fingerprint for all the editions of a document: each output with its inputs, in a fixed order. */
export function fingerprintOf(
  editions: readonly { readonly output: string; readonly inputs: Readonly<Record<string, string>> }[],
): string {
  const sorted = [...editions]
    .sort((a, b) => (a.output < b.output ? -1 : 1))
    .map(({ output, inputs }) => [
      output,
      Object.keys(inputs)
        .sort()
        .map((key) => [key, inputs[key]]),
    ]);
  return JSON.stringify(sorted);
}
