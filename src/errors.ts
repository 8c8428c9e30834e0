/** The pipeline stage an error comes from; also says which part of the input to fix. */
export type Stage =
  | 'cli'
  | 'load'
  | 'validate'
  | 'plan'
  | 'markdown'
  | 'render'
  | 'print'
  | 'finish'
  | 'write';

/** Where in an input file a problem is; `line` and `column` are 1-based. */
export interface Position {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export interface FactsheetsErrorOptions {
  readonly stage: Stage;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  /** What the user should do about it, in one sentence. */
  readonly hint?: string;
  /** The document (by name) this error fails, when it fails only one. */
  readonly document?: string;
  readonly cause?: unknown;
}

/**
 * The one error type of factsheets. The message says what happened and why; the position
 * and the hint are fields, so that reports (text, JSON, CI annotations) can lay them out.
 */
export class FactsheetsError extends Error {
  readonly stage: Stage;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;
  readonly document: string | undefined;

  constructor(message: string, options: FactsheetsErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FactsheetsError';
    this.stage = options.stage;
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint;
    this.document = options.document;
  }

  /** Returns a copy that says what was being done, e.g. `render one-pager mali: …`. */
  within(context: string, document?: string): FactsheetsError {
    return new FactsheetsError(`${context}: ${this.message}`, {
      ...this.fields(),
      ...(document === undefined ? {} : { document }),
      cause: this,
    });
  }

  /** The fields as constructor options, without undefined entries. */
  fields(): FactsheetsErrorOptions {
    return {
      stage: this.stage,
      ...(this.file === undefined ? {} : { file: this.file }),
      ...(this.line === undefined ? {} : { line: this.line }),
      ...(this.column === undefined ? {} : { column: this.column }),
      ...(this.hint === undefined ? {} : { hint: this.hint }),
      ...(this.document === undefined ? {} : { document: this.document }),
    };
  }
}

/** `content/countries/mali.md:4:1`, or as much of it as is known. */
export function formatPosition(error: Pick<FactsheetsError, 'file' | 'line' | 'column'>): string {
  if (error.file === undefined) return '';
  if (error.line === undefined) return error.file;
  return error.column === undefined
    ? `${error.file}:${error.line}`
    : `${error.file}:${error.line}:${error.column}`;
}

/** One human-readable block per error: position, message, then the hint on its own line. */
export function formatError(error: FactsheetsError): string {
  const position = formatPosition(error);
  const head = position === '' ? `error: ${error.message}` : `${position}: error: ${error.message}`;
  return error.hint === undefined ? head : `${head}\n  hint: ${error.hint}`;
}

/**
 * Turns anything thrown into a FactsheetsError without losing its message. Used at stage
 * boundaries so that a library's exception never reaches the user as a stack trace.
 */
export function toFactsheetsError(
  thrown: unknown,
  fallback: FactsheetsErrorOptions,
): FactsheetsError {
  if (thrown instanceof FactsheetsError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new FactsheetsError(message, { ...fallback, cause: thrown });
}
