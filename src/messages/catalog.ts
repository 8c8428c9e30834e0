import { IntlMessageFormat } from 'intl-messageformat';
import { FactsheetsError } from '../errors.js';
import type { SourceFile } from '../types.js';
import { parseYamlData, type Where } from '../stages/validate/yaml-data.js';

/** One message: its ICU text, compiled for the file's language, and where it is written. */
interface Message {
  readonly text: string;
  readonly where: Where;
  readonly format: IntlMessageFormat;
}

/** Values a message may insert: `{name}` takes text or a number, `{count, plural, …}` a number. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** One language's messages, read from its file and checked. */
export class MessageFile {
  private constructor(
    readonly lang: string,
    readonly displayPath: string,
    private readonly messages: ReadonlyMap<string, Message>,
    /** Problems of the file itself (YAML, ICU syntax, values that are not text), each at its line. */
    readonly problems: readonly FactsheetsError[],
  ) {}

  /**
   * Reads `messages/<lang>.yml`: nested YAML keys are joined with dots (`one_pager.sources`);
   * each value is an ICU message, compiled once here so that a syntax error is a build error.
   */
  static read(source: SourceFile, lang: string): MessageFile {
    const file = source.displayPath;
    if (source.refused !== undefined) return new MessageFile(lang, file, new Map(), [source.refused]);
    const parsed = parseYamlData({ file, text: source.text, firstLine: 1, what: 'the message file' });
    if (Array.isArray(parsed)) return new MessageFile(lang, file, new Map(), parsed);
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
        problems.push(new FactsheetsError(`message "${key}" must be text, got ${Array.isArray(value) ? 'a list' : String(value)}`, {
          stage: 'validate', file, ...where, hint: 'Write the message as text (quote it if it starts with a special character).',
        }));
        return;
      }
      try {
        messages.set(key, { text: value, where, format: new IntlMessageFormat(value, lang, undefined, { ignoreTag: true }) });
      } catch (error) {
        problems.push(new FactsheetsError(`message "${key}" is not a valid ICU message: ${error instanceof Error ? error.message : String(error)}`, {
          stage: 'validate', file, ...where,
          hint: 'Check its braces: {name} inserts a value, {count, plural, one {…} other {…}} chooses by number; write a literal brace as \'{\'.',
        }));
      }
    };
    visit(parsed.data, []);
    return new MessageFile(lang, file, messages, problems);
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
      throw new Error(`message "${key}" of ${this.displayPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
