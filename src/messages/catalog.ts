import { IntlMessageFormat } from 'intl-messageformat';
import { FactsheetsError } from '../errors.js';
import type { SourceFile } from '../model/documents.js';
import { parseYamlData, type Where } from '../stages/validate/yaml-data.js';

/** One message: its ICU text, compiled for the file's language, and where it is written. */
interface Message {
  readonly text: string;
  readonly where: Where;
  readonly format: IntlMessageFormat;
}

/** Values a message may insert: `{name}` takes text or a number, `{count, plural, …}` a number. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Message files already compiled, by language, path and text (a few: one per language in use). */
const readFiles = new Map<string, MessageFile>();

/** One language's messages, read from its file and checked. */
export class MessageFile {
  private constructor(
    readonly lang: string,
    readonly displayPath: string,
    private readonly messages: ReadonlyMap<string, Message>,
    /** Problems of the file itself (YAML, ICU syntax, values that are not text), each at its line. */
    readonly problems: readonly FactsheetsError[],
    /** The file could not be read as YAML at all: its keys are unknown. */
    readonly unreadable: boolean,
  ) {}

  /**
   * Reads `messages/<lang>.yml`: nested YAML keys are joined with dots (`one_pager.sources`);
   * each value is an ICU message, compiled once here so that a syntax error is a build error.
   */
  static read(source: SourceFile, lang: string): MessageFile {
    // Watch mode and the preview read the templates again on every save: the same text is compiled once.
    const key = `${lang}\0${source.displayPath}\0${source.refused === undefined ? source.text : ''}`;
    const known = readFiles.get(key);
    if (known !== undefined && source.refused === undefined) return known;
    const read = MessageFile.compile(source, lang);
    if (readFiles.size >= 16) readFiles.delete(readFiles.keys().next().value ?? '');
    readFiles.set(key, read);
    return read;
  }

  private static compile(source: SourceFile, lang: string): MessageFile {
    const file = source.displayPath;
    if (source.refused !== undefined) return new MessageFile(lang, file, new Map(), [source.refused], true);
    const parsed = parseYamlData({ file, text: source.text, firstLine: 1, what: 'the message file' });
    if (Array.isArray(parsed)) return new MessageFile(lang, file, new Map(), parsed, true);
    const messages = new Map<string, Message>();
    const problems: FactsheetsError[] = [];
    const visit = (value: unknown, path: readonly string[]): void => {
      const where = parsed.position(path);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
        return;
      }
      const key = path.join('.');
      if (typeof value !== 'string') {
        problems.push(
          new FactsheetsError(`message "${key}" must be text, got ${Array.isArray(value) ? 'a list' : String(value)}`, {
            stage: 'validate',
            file,
            ...where,
            hint: 'Write the message as text (quote it if it starts with a special character).',
          }),
        );
        return;
      }
      try {
        messages.set(key, {
          text: value,
          where,
          format: new IntlMessageFormat(value, lang, undefined, { ignoreTag: true }),
        });
      } catch (error) {
        problems.push(syntaxError(key, error, { file, where, lines: source.text.split('\n') }));
      }
    };
    visit(parsed.data, []);
    return new MessageFile(lang, file, messages, problems, false);
  }

  /** The values a message inserts (`{country}`, `{count, plural, …}`), and the cases each plural chooses between. */
  valuesOf(key: string): {
    readonly names: ReadonlySet<string>;
    readonly plurals: readonly {
      readonly name: string;
      readonly cases: readonly string[];
      readonly ordinal: boolean;
    }[];
  } {
    const names = new Set<string>();
    const plurals: { name: string; cases: string[]; ordinal: boolean }[] = [];
    const visit = (elements: readonly unknown[]): void => {
      for (const element of elements) {
        const { type, value, options, pluralType } = element as {
          type: number;
          value?: unknown;
          options?: Record<string, { value: unknown[] }>;
          pluralType?: string;
        };
        // ICU's element types: 1 argument, 2 number, 3 date, 4 time, 5 select, 6 plural (0 literal, 7 #, 8 tag).
        if (type >= 1 && type <= 6 && typeof value === 'string') names.add(value);
        if (type === 6 && typeof value === 'string' && options !== undefined)
          plurals.push({ name: value, cases: Object.keys(options), ordinal: pluralType === 'ordinal' });
        for (const option of Object.values(options ?? {})) visit(option.value);
      }
    };
    const message = this.messages.get(key);
    if (message !== undefined) visit(message.format.getAst());
    return { names, plurals };
  }

  keys(): IterableIterator<string> {
    return this.messages.keys();
  }

  has(key: string): boolean {
    return this.messages.has(key);
  }

  where(key: string): Where | undefined {
    return this.messages.get(key)?.where;
  }

  /** The message in words; a value it needs and did not get is an error that names the key. */
  format(key: string, values: MessageValues = {}): string {
    const message = this.messages.get(key);
    if (message === undefined) throw new Error(`${this.displayPath} has no message "${key}"`);
    try {
      const formatted = message.format.format(values);
      return typeof formatted === 'string' ? formatted : String(formatted);
    } catch (error) {
      throw new Error(
        `message "${key}" of ${this.displayPath}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
}

/** What ICU's parser means by its error codes, said for a translator. */
const SYNTAX_PROBLEMS: Readonly<Record<string, string>> = {
  EXPECT_ARGUMENT_CLOSING_BRACE: 'a "{" is not closed by "}"',
  EMPTY_ARGUMENT: 'a "{}" names no value',
  MALFORMED_ARGUMENT: "a value's name is not a name (letters, digits, _)",
  EXPECT_ARGUMENT_TYPE: 'a "," after a value\'s name must be followed by plural, select, number, date or time',
  INVALID_ARGUMENT_TYPE: "a value's type is not plural, select, number, date or time",
  MISSING_OTHER_CLAUSE: 'a plural or select has no "other {…}" case, which every language needs',
  EXPECT_PLURAL_ARGUMENT_SELECTOR: 'a plural case has no name before its "{…}"',
  EXPECT_SELECT_ARGUMENT_SELECTOR: 'a select case has no name before its "{…}"',
  EXPECT_PLURAL_ARGUMENT_OPTIONS: 'a plural has no cases',
  EXPECT_SELECT_ARGUMENT_OPTIONS: 'a select has no cases',
  DUPLICATE_PLURAL_ARGUMENT_SELECTOR: 'a plural has the same case twice',
  DUPLICATE_SELECT_ARGUMENT_SELECTOR: 'a select has the same case twice',
};

/** An ICU syntax error at its place in the file (its line and column when the message is on one line). */
function syntaxError(
  key: string,
  error: unknown,
  at: { file: string; where: Where; lines: readonly string[] },
): FactsheetsError {
  const code = error instanceof Error ? error.message : String(error);
  const location = (error as { location?: { start?: { line: number; column: number } } }).location?.start;
  const { line, column } = at.where;
  // The value starts after its opening quote, if it has one.
  const quoted = column !== undefined && /["']/.test(at.lines[line - 1]?.[column - 1] ?? '');
  const where =
    location !== undefined && location.line === 1 && column !== undefined
      ? { line, column: column + (quoted ? 1 : 0) + location.column - 1 }
      : at.where;
  return new FactsheetsError(
    `message "${key}" is not a valid ICU message: ${SYNTAX_PROBLEMS[code] ?? code.toLowerCase().replace(/_/g, ' ')}`,
    {
      stage: 'validate',
      file: at.file,
      ...where,
      hint: '{name} inserts a value; {count, plural, one {…} other {…}} chooses by number; quote a value that starts with "{" in YAML, and write a literal brace as \'{\'.',
    },
  );
}
