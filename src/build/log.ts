import { FactsheetsError, toFactsheetsError } from '../errors.js';
import { outputPathFor } from '../stages/plan.js';
import { combineWriteErrors, OutputWriteError } from '../stages/write.js';
import type { ManifestEntry } from './manifest.js';
import type { BuildReport, BuildWarning, Document, DocumentKind, DocumentResult, RenderJob } from '../types.js';

/** What a build has done so far: a result per document, errors, warnings, manifest entries. */
export class BuildLog {
  readonly errors: FactsheetsError[] = [];
  readonly warnings: BuildWarning[] = [];
  readonly manifest: ManifestEntry[] = [];
  private readonly results = new Map<string, DocumentResult>();
  private readonly writeFailures: OutputWriteError[] = [];

  constructor(
    private readonly outDir: string,
    private readonly started: number,
  ) {}

  built(job: RenderJob, pages: number, milliseconds: number): void {
    const { document } = job;
    this.results.set(document.name, {
      name: document.name, kind: job.kind, source: document.source.displayPath,
      output: job.outputPath, status: 'built', pages, milliseconds,
    });
  }

  unchanged(job: RenderJob, pages: number): void {
    const { document } = job;
    this.results.set(document.name, {
      name: document.name, kind: job.kind, source: document.source.displayPath, output: job.outputPath, status: 'unchanged', pages,
    });
  }

  /** Marks a document failed without an error of its own (a shared error says why). */
  failed(name: string, kind: DocumentKind, source: string): void {
    this.results.set(name, { name, kind, source, output: outputPathFor(kind, name), status: 'failed' });
  }

  /** Adds errors one by one: a build may have very many (no spread onto the call stack). */
  addErrors(errors: readonly FactsheetsError[]): void {
    for (const error of errors) this.errors.push(error);
  }

  /** A document its plan could not be made for (e.g. no dataset rows). */
  planFailed(error: FactsheetsError, documents: readonly Document[]): void {
    this.errors.push(error);
    const document = documents.find((candidate) => candidate.name === error.document);
    if (document !== undefined) this.failed(document.name, document.meta.kind, document.source.displayPath);
  }

  /** The templates could not be compiled: one error, and every job fails with it. */
  renderFailed(error: unknown, jobs: readonly RenderJob[]): void {
    this.errors.push(toFactsheetsError(error, { stage: 'render' }));
    for (const job of jobs) this.failed(job.document.name, job.kind, job.document.source.displayPath);
  }

  /** Records why a job failed; write failures are kept aside to be reported together. */
  jobFailed(job: RenderJob, error: unknown): void {
    this.failed(job.document.name, job.kind, job.document.source.displayPath);
    if (error instanceof OutputWriteError) {
      this.writeFailures.push(error);
      return;
    }
    const failure = toFactsheetsError(error, { stage: 'print', file: job.document.source.displayPath });
    this.errors.push(failure.document === undefined ? failure.within(`${job.kind} ${job.document.name}`, job.document.name) : failure);
  }

  /** How many documents have a result (built, unchanged or failed), for progress. */
  finishedCount(): number {
    return this.results.size;
  }

  /** The pages of a document that was built or is up to date. */
  pagesOf(name: string): number | undefined {
    const result = this.results.get(name);
    return result?.status === 'failed' ? undefined : result?.pages;
  }

  /** Whether any document of the build failed so far. */
  hasFailures(): boolean {
    return [...this.results.values()].some((result) => result.status === 'failed');
  }

  /** A write that failed outside any document (the manifest), reported with the others of its kind. */
  writeFailed(error: OutputWriteError): void {
    this.writeFailures.push(error);
  }

  report(now: number): BuildReport {
    return {
      outDir: this.outDir,
      documents: [...this.results.values()],
      errors: [...this.errors, ...combineWriteErrors(this.outDir, this.writeFailures)],
      warnings: this.warnings,
      seconds: (now - this.started) / 1000,
    };
  }
}
