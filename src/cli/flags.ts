import { parseShard, type Shard } from '../pipeline/shard.js';
import { parseExpansions } from '../languages/forecast.js';
import { UsageError } from './exit.js';
import type { CommandName } from './command-names.js';

/**
 * The one table of the CLI's flags: for every command, each flag's name, value, check and help
 * line. The parsing (command-line.ts), each value's range check, every command's `--help`
 * (usage.ts) and the flag list in docs/command-line.md (`npm run docs:flags`) are all made from
 * it, so a flag is declared here and nowhere else.
 */

/** What a flag's value may be, said once for the docs, and how it is read (a UsageError otherwise). */
export interface ValueKind<Value> {
  /** `a whole number from 1 to 64`: the docs' words, and the error's (`--jobs must be …`). */
  readonly accepts: string;
  readonly read: (text: string, flag: string) => Value;
}

export interface StringFlag<Value = unknown> {
  readonly type: 'string';
  /** The value's name in the usage: `--jobs N`. */
  readonly value: string;
  readonly help: string;
  readonly kind: ValueKind<Value>;
  /** Set when the command cannot run without it: why it is needed, for the error. */
  readonly required?: string;
}

export interface BooleanFlag {
  readonly type: 'boolean';
  readonly help: string;
}

export type Flag = StringFlag | BooleanFlag;
export type Flags = Readonly<Record<string, Flag>>;

/** The checked values of a command's flags: a string flag's value as its kind reads it, a switch true or false. */
export type FlagValues<F extends Flags> = {
  readonly [Name in keyof F]: F[Name] extends StringFlag<infer Value>
    ? F[Name] extends { readonly required: string }
      ? Value
      : Value | undefined
    : boolean;
};

/** A value that must be given, so that an unset variable (`--out "$OUT"`) never means the current folder. */
function notEmpty(what: string): ValueKind<string> {
  return {
    accepts: `${what}, not empty`,
    read: (text, flag) => {
      if (text.trim() === '') throw new UsageError(`${flag} needs ${what}, got an empty name`);
      return text;
    },
  };
}

/** Digits only (no `0x50`, no ` 4`), from `min` to `max`. */
function wholeNumber(min: number, max: number): ValueKind<number> {
  const accepts = `a whole number from ${min} to ${max}`;
  return { accepts, read: (text, flag) => inRange(flag, text, /^\d{1,9}$/, min, max, accepts) };
}

/** Digits with optional decimals (no `1e3`), from `min` to `max`. */
function seconds(min: number, max: number): ValueKind<number> {
  const accepts = `a number of seconds from ${min} to ${max}`;
  return { accepts, read: (text, flag) => inRange(flag, text, /^\d{1,9}(\.\d{1,9})?$/, min, max, accepts) };
}

function inRange(flag: string, text: string, digits: RegExp, min: number, max: number, accepts: string): number {
  const value = digits.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${flag} must be ${accepts}, got "${text}"`);
  return value;
}

/** A value in a form a pattern or a parser recognises; anything else is `--flag must be <accepts>, got "…"`. */
function shaped<Value>(accepts: string, parse: (text: string) => Value | undefined): ValueKind<Value> {
  return {
    accepts,
    read: (text, flag) => {
      const value = parse(text);
      if (value === undefined) throw new UsageError(`${flag} must be ${accepts}, got "${text}"`);
      return value;
    },
  };
}

/** Comma-separated names, at least one. */
const NAMES: ValueKind<string[]> = {
  accepts: 'names, comma-separated (at least one)',
  read: (text, flag) => {
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    if (names.length === 0) throw new UsageError(`${flag} needs at least one document name`);
    return names;
  },
};

const EXPANSIONS: ValueKind<Record<string, number>> = {
  accepts: 'LANG=PERCENT, comma-separated, each from -90 to 300',
  read: (text, flag) => {
    let expansions: Record<string, number>;
    try {
      expansions = parseExpansions(text);
    } catch (error) {
      throw new UsageError(`${flag}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (Object.keys(expansions).length === 0)
      throw new UsageError(`${flag} needs at least one LANG=PERCENT, e.g. ${flag} fr=25`);
    return expansions;
  },
};

const folder = (help: string): StringFlag<string> => ({
  type: 'string',
  value: 'DIR',
  help,
  kind: notEmpty('a folder'),
});
const toggle = (help: string): BooleanFlag => ({ type: 'boolean', help });
/** The same flag, described for another command. */
const describedAs = <F extends Flag>(flag: F, help: string): F => ({ ...flag, help });

export const DEFAULT_PORT = 4870;
export const DEFAULT_HOST = '127.0.0.1';

/** The folders of a project: every command that reads one. */
const PROJECT_FLAGS = {
  content: folder('content folder (default: content)'),
  templates: folder('templates folder (default: templates)'),
} as const;

const OUT = folder('output folder (default: output)');
/** Taken by the commands that write no output, so that a build's folders can be passed to them as they are. */
const UNUSED_OUT = describedAs(OUT, 'an output folder, accepted as build takes it; nothing is written to it');

/** How a build prints: build and review. */
const PRINT_FLAGS = {
  jobs: {
    type: 'string',
    value: 'N',
    help: 'browser pages printing at once (default: 4 on 2+ cores)',
    kind: wholeNumber(1, 64),
  },
  timeout: {
    type: 'string',
    value: 'SECONDS',
    help: 'deadline to print one document; a hung browser is relaunched (default: 30)',
    kind: seconds(1, 3600),
  },
  print: toggle("also write print files with the layout's bleed and crop marks under OUT/print/"),
  force: toggle('print every document, even those whose PDF is up to date'),
  'browser-url': {
    type: 'string',
    value: 'URL',
    help: 'print through a running Chrome instead of launching one (also FACTSHEETS_BROWSER_URL)',
    kind: shaped('a URL starting with ws://, wss://, http:// or https://', (text) =>
      /^(wss?|https?):\/\/\S+$/.test(text) ? text : undefined,
    ),
  },
} as const satisfies Flags;

const JSON_FLAG = toggle('print the report as JSON on stdout instead of text');

/** Every command's flags, in the order its `--help` lists them (`-h, --help` is every command's, last). */
export const COMMAND_FLAGS = {
  build: {
    ...PROJECT_FLAGS,
    out: OUT,
    only: {
      type: 'string',
      value: 'NAMES',
      help: 'build only these documents, comma-separated (e.g. factsheet,mali)',
      kind: NAMES,
    },
    ...PRINT_FLAGS,
    watch: toggle('keep the browser warm and rebuild what each change affects (Ctrl-C stops)'),
    shard: {
      type: 'string',
      value: 'I/N',
      help: 'build only shard I of N (e.g. 2/4), for a CI matrix; no pack',
      kind: shaped<Shard>('I/N with 1 ≤ I ≤ N (e.g. 2/4)', parseShard),
    },
    json: JSON_FLAG,
    quiet: toggle('no progress line and no line per PDF: errors, warnings and the summary'),
  },
  preview: {
    ...PROJECT_FLAGS,
    out: describedAs(OUT, 'output folder (default: output); the only folder the preview writes to'),
    port: {
      type: 'string',
      value: 'N',
      help: `port to listen on (default: ${DEFAULT_PORT}; 0 picks a free one)`,
      kind: wholeNumber(0, 65535),
    },
    host: {
      type: 'string',
      value: 'H',
      help: `interface to listen on (default: ${DEFAULT_HOST}, this machine only)`,
      kind: notEmpty('an interface address'),
    },
    open: toggle("open the page in the system's web browser"),
  },
  review: {
    against: {
      ...folder('the approved output folder (required)'),
      required: 'the output folder of the approved build',
    },
    ...PROJECT_FLAGS,
    out: describedAs(OUT, 'output folder of the build to review (default: output)'),
    report: folder('where to write index.html and summary.md (default: OUT/review)'),
    json: toggle('print the review as JSON on stdout'),
    markdown: toggle('print the Markdown summary on stdout (for a CI job summary or a PR comment)'),
    quiet: toggle('only errors, warnings and the review (no build summary line)'),
    ...PRINT_FLAGS,
  },
  init: {
    templates: toggle(
      'also copy the default templates into DIR/templates, to customise; in a folder that already holds a project (a factsheets.yml), only the templates are added and its content is left as it is',
    ),
  },
  check: {
    print: toggle('also check PDF/X-4 (print editions)'),
  },
  languages: {
    ...PROJECT_FLAGS,
    out: UNUSED_OUT,
    json: toggle('print the facts as JSON on stdout'),
  },
  forecast: {
    expansion: {
      type: 'string',
      value: 'LANG=PERCENT,...',
      help: 'your own expected lengths, e.g. fr=25,de=35 (a language named here is forecast too)',
      kind: EXPANSIONS,
    },
    ...PROJECT_FLAGS,
    out: UNUSED_OUT,
    json: toggle('print the forecast as JSON on stdout'),
  },
} as const satisfies Readonly<Record<CommandName, Flags>>;

/** What a command takes besides its flags: as its usage writes it, and a help line when it says more than its name. */
export interface Operands {
  readonly usage: string;
  readonly name?: string;
  readonly help?: string;
}

export const COMMAND_OPERANDS: Readonly<Record<CommandName, Operands>> = {
  build: { usage: '' },
  preview: { usage: '' },
  review: { usage: '' },
  init: { usage: '[DIR]', name: 'DIR', help: 'the folder to write (default: content)' },
  check: { usage: 'FILE.pdf...', name: 'FILE.pdf...', help: 'the PDFs to check' },
  languages: { usage: 'check LANG...', name: 'LANG...', help: 'the languages to check, by tag (e.g. ar-MA am)' },
  forecast: { usage: '[LANG...]', name: 'LANG...', help: 'the languages to forecast (default: fr de ar)' },
};

/** `-h, --help`: every command has it. */
export const HELP_FLAG: BooleanFlag = toggle('show this help');
