import { type FactsheetsError, toFactsheetsError } from '../errors.js';
import type { PlanResult } from '../stages/plan.js';
import { OutputWriteError } from '../stages/write.js';
import type { ManifestEntry } from './manifest.js';
import { isScreenResult, outputFor, outputOfJob, outputOfResult } from '../outputs/registry.js';
import type { BuildWarning, Document, DocumentResult, OutOfDateOutput, RenderJob } from '../model/documents.js';

/**
 * What one step of a build did: a result per output, errors, warnings, manifest entries. Each
 * step records into an outcome of its own and returns it; only the pipeline folds outcomes
 * into its log (see BuildLog), so no step writes into what another step reads.
 */
export class Outcome {
  readonly errors: FactsheetsError[] = [];
  readonly warnings: BuildWarning[] = [];
  readonly manifest: ManifestEntry[] = [];
  /** The documents' own results, by name. */
  protected readonly results = new Map<string, DocumentResult>();
  /** Print editions and the pack, by output path. */
  protected readonly otherOutputs = new Map<string, DocumentResult>();
  protected readonly writeFailures: OutputWriteError[] = [];
  /** Outputs (the packs) not made again, and why: their previous PDF is kept, out of date. */
  readonly notRebuilt = new Map<string, string>();
  /** Documents that failed before with these very inputs, not tried again (see stillFailing). */
  protected readonly unchangedFailures: string[] = [];
  /** The kept PDFs that are out of date, once the manifest is recorded. */
  outOfDate: readonly OutOfDateOutput[] | undefined;

  /** `rowsOf`: how many dataset rows a job's figures come from, once the dataset is known. */
  constructor(private readonly rowsOf?: (job: RenderJob) => number) {}

  /** An outcome that is one error: a step that threw (see the pipeline's guard). */
  static failure(error: FactsheetsError): Outcome {
    const outcome = new Outcome();
    outcome.errors.push(error);
    return outcome;
  }

  /** A document's PDF (either edition) printed and written in this build. */
  built(job: RenderJob, pages: number, milliseconds: number): void {
    this.record({ ...this.resultOf(job), status: 'built', pages, milliseconds });
  }

  /** A document's PDF (either edition) that is up to date: its pages and space budget as the manifest recorded them. */
  unchanged(job: RenderJob, entry: Pick<ManifestEntry, 'pages' | 'fit'>): void {
    this.record({
      ...this.resultOf(job),
      status: 'unchanged',
      pages: entry.pages,
      ...(entry.fit === undefined ? {} : { fit: entry.fit }),
    });
  }

  /** Marks a document failed without an error of its own (a shared error says why). */
  failed(result: Pick<DocumentResult, 'name' | 'kind' | 'source' | 'output'>): void {
    this.record({ ...result, status: 'failed' });
  }

  /** Marks a job failed without an error of its own (a shared error says why). */
  jobFailedElsewhere(job: RenderJob): void {
    this.failed(resultOf(job));
  }

  /** The briefing pack's result: written, current, or failed (see pack-step.ts). */
  pack(result: DocumentResult): void {
    this.record(result);
  }

  /**
   * A document's screen edition is its result (progress counts these); print editions and the
   * pack are PDFs of their own, listed after the documents.
   */
  private record(result: DocumentResult): void {
    if (isScreenResult(result)) this.results.set(result.name, result);
    else this.otherOutputs.set(result.output, result);
  }

  /** Adds errors one by one: a build may have very many (no spread onto the call stack). */
  addErrors(errors: readonly FactsheetsError[]): void {
    for (const error of errors) this.errors.push(error);
  }

  /** What planning found: documents it could not plan fail (e.g. no dataset rows), and its warnings. */
  planned(
    result: Pick<PlanResult, 'errors' | 'warnings' | 'failed'>,
    documents: readonly Document[],
    project: string,
  ): void {
    const failed = (document: Document): void => this.failed(documentResultOf(document, project));
    for (const error of result.errors) {
      this.errors.push(error);
      const document = documents.find((candidate) => candidate.name === error.document);
      if (document !== undefined) failed(document);
    }
    for (const document of result.failed ?? []) failed(document);
    for (const warning of result.warnings) this.warnings.push(warning);
  }

  /** The templates could not be compiled: one error, and every job fails with it. */
  renderFailed(error: unknown, jobs: readonly RenderJob[]): void {
    this.errors.push(toFactsheetsError(error, { stage: 'render' }));
    for (const job of jobs) this.jobFailedElsewhere(job);
  }

  /** Records why a job failed; write failures are kept aside to be reported together. */
  jobFailed(job: RenderJob, error: unknown): void {
    this.record({ ...this.resultOf(job), status: 'failed' });
    if (error instanceof OutputWriteError) {
      this.writeFailures.push(error);
      return;
    }
    const failure = toFactsheetsError(error, { stage: 'print', file: job.document.source.displayPath });
    const { name } = outputOfJob(job).label;
    const what = `${job.kind} ${job.document.name}${name === undefined ? '' : ` (${name})`}`;
    this.errors.push(failure.document === undefined ? failure.within(what, job.document.name) : failure);
  }

  /** A document not tried again (watch mode): its inputs are those it failed with, its errors as before. */
  stillFailing(result: DocumentResult, errors: readonly FactsheetsError[]): void {
    this.record(result);
    this.addErrors(errors);
    this.unchangedFailures.push(result.name);
  }

  /** Every result so far: documents, then print editions and packs. */
  allResults(): DocumentResult[] {
    return [...this.results.values(), ...this.otherOutputs.values()];
  }

  /** How many documents have a result (built, unchanged or failed), here or in a step's outcome not folded in yet: for progress. */
  finishedCount(also?: Outcome): number {
    if (also === undefined || also.results.size === 0) return this.results.size;
    return new Set([...this.results.keys(), ...also.results.keys()]).size;
  }

  /** Whether any of these documents failed so far, screen or print edition. */
  anyFailed(names: ReadonlySet<string>): boolean {
    return [...this.results.values(), ...this.otherOutputs.values()].some(
      (result) => result.status === 'failed' && !outputOfResult(result).madeOfOthers && names.has(result.name),
    );
  }

  /** Whether any PDF of the build failed so far. */
  hasFailures(): boolean {
    return [...this.results.values(), ...this.otherOutputs.values()].some((result) => result.status === 'failed');
  }

  /** A write that failed outside any document (the manifest), reported with the others of its kind. */
  writeFailed(error: OutputWriteError): void {
    this.writeFailures.push(error);
  }

  /** What every result of a job says, with its dataset rows. */
  private resultOf(job: RenderJob): ReturnType<typeof resultOf> & { rows?: number } {
    const rows = this.rowsOf?.(job);
    return { ...resultOf(job), ...(rows === undefined ? {} : { rows }) };
  }

  /** Adds what another outcome recorded, after what this one has (the pipeline's log only). */
  protected add(other: Outcome): void {
    this.addErrors(other.errors);
    for (const warning of other.warnings) this.warnings.push(warning);
    for (const entry of other.manifest) this.manifest.push(entry);
    for (const result of [...other.results.values(), ...other.otherOutputs.values()]) this.record(result);
    for (const failure of other.writeFailures) this.writeFailures.push(failure);
    for (const [output, why] of other.notRebuilt) this.notRebuilt.set(output, why);
    for (const name of other.unchangedFailures) this.unchangedFailures.push(name);
    if (other.outOfDate !== undefined) this.outOfDate = other.outOfDate;
  }
}

/** What the result of a document not planned says: its screen PDF, where the build would write it. */
function documentResultOf(
  document: Document,
  project: string,
): Pick<DocumentResult, 'name' | 'kind' | 'source' | 'output'> {
  const { kind } = document.meta;
  return {
    name: document.name,
    kind,
    source: document.source.displayPath,
    output: outputFor('screen').pathOf({ kind, baseName: document.baseName, lang: document.lang, project }),
  };
}

/** What every result of a job says: which document, which edition (its kind of output), which file. */
function resultOf(job: RenderJob): Pick<DocumentResult, 'name' | 'kind' | 'source' | 'output' | 'edition'> {
  const { document } = job;
  return {
    name: document.name,
    kind: job.kind,
    source: document.source.displayPath,
    output: job.outputPath,
    ...(job.edition === undefined ? {} : { edition: job.edition }),
  };
}
