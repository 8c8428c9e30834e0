/** The pipeline stage an error comes from; also says which part of the input to fix. */
export type Stage = 'cli' | 'load' | 'validate' | 'plan' | 'markdown' | 'render' | 'print' | 'finish' | 'write';

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
    // Messages echo file names and values from the input: escaped once here, for every report.
    super(escapeForMessage(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FactsheetsError';
    this.stage = options.stage;
    this.file = options.file === undefined ? undefined : escapeForMessage(options.file);
    this.line = options.line;
    this.column = options.column;
    this.hint = options.hint === undefined ? undefined : escapeForMessage(options.hint);
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

/**
 * Characters that could act on a terminal or a log reader instead of being read: C0 and C1
 * controls (line breaks, ESC sequences), line and paragraph separators, and bidirectional
 * overrides and isolates (they reorder what follows them).
 */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from the input as it may appear in a message: each unsafe character written out
 * (`\x1b`, `\n`, `\u202e`), so that data can neither start a line of its own (a forged
 * `::error` workflow command) nor move the cursor or retitle the terminal.
 */
export function escapeForMessage(text: string): string {
  return text.replace(UNSAFE_CHARACTERS, (character) => {
    const named = NAMED_ESCAPES[character];
    if (named !== undefined) return named;
    const code = character.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A position or path at the start of an output line: one that would begin with `::` (a file
 * named like a workflow command) gets `./` in front, so that no data-made line is a command.
 */
export function safeLineStart(text: string): string {
  return text.startsWith('::') ? `./${text}` : text;
}

/** `content/countries/mali.md:4:1`, or as much of it as is known. */
export function formatPosition(error: Pick<FactsheetsError, 'file' | 'line' | 'column'>): string {
  if (error.file === undefined) return '';
  if (error.line === undefined) return error.file;
  return error.column === undefined ? `${error.file}:${error.line}` : `${error.file}:${error.line}:${error.column}`;
}

/** One human-readable block per error: position, message, then the hint on its own line. */
export function formatError(error: FactsheetsError): string {
  const position = formatPosition(error);
  const head = position === '' ? `error: ${error.message}` : `${safeLineStart(position)}: error: ${error.message}`;
  return error.hint === undefined ? head : `${head}\n  hint: ${error.hint}`;
}

/**
 * Turns anything thrown into a FactsheetsError without losing its message. Used at stage
 * boundaries so that a library's exception never reaches the user as a stack trace.
 */
export function toFactsheetsError(thrown: unknown, fallback: FactsheetsErrorOptions): FactsheetsError {
  if (thrown instanceof FactsheetsError) return thrown;
  const message = thrown instanceof Error ? thrown.message : String(thrown);
  return new FactsheetsError(message, { ...fallback, cause: thrown });
}
