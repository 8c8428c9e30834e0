import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BuildOptions } from '../config.js';
import { parseShard } from '../pipeline/shard.js';
import { EXIT, UsageError } from './exit.js';
import { escapeForMessage } from '../errors.js';

/** The options of every command that builds: its three folders, and help. */
export const FOLDER_OPTIONS = {
  content: { type: 'string' },
  templates: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Node's parseArgs, where an unknown option or a missing value is a UsageError naming it. */
function parseCommandLineOptions<const Config extends ParseArgsConfig>(config: Config): ReturnType<typeof parseArgs<Config>> {
  try {
    return parseArgs(config);
  } catch (error) {
    // Node's messages name the bad option; drop its "To specify a positional argument…" advice.
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('. To specify')[0] ?? 'bad option');
  }
}

/** The last second a PDF date can hold (year 9999). */
const LATEST_EPOCH = 253_402_300_799;

/**
 * The environment a build reads, checked as its options are: a SOURCE_DATE_EPOCH that is set
 * but not a number of seconds within a PDF date's range is the problem and exit status 2
 * (never silently ignored, never "Invalid time value" in every document). Empty is unset.
 */
export function checkEnvironment(env: NodeJS.ProcessEnv): number | undefined {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch === '' || (/^\d{1,12}$/.test(epoch) && Number(epoch) <= LATEST_EPOCH)) return undefined;
  process.stderr.write(`factsheets: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, from 0 to ${LATEST_EPOCH} (the end of 9999), got "${escapeForMessage(epoch)}"\n`
    + '  hint: Set it to a commit\'s time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.\n');
  return EXIT.usage;
}

/** The options of every command that prints (build, review): how it prints, each checked against its documented range. */
export const PRINT_OPTIONS = {
  jobs: { type: 'string' },
  timeout: { type: 'string' },
  print: { type: 'boolean' },
  force: { type: 'boolean' },
  'browser-url': { type: 'string' },
  quiet: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

interface PrintValues {
  readonly jobs?: string | undefined;
  readonly timeout?: string | undefined;
  readonly print?: boolean | undefined;
  readonly force?: boolean | undefined;
  readonly 'browser-url'?: string | undefined;
}

/** The print options given, as build options; a value outside its documented range is a UsageError naming the range. */
export function printOptions(values: PrintValues): BuildOptions {
  const jobs = values.jobs === undefined ? undefined : wholeNumber('--jobs', values.jobs, 1, 64);
  const timeout = values.timeout === undefined ? undefined : decimalNumber('--timeout', values.timeout, 1, 3600, 'a number of seconds');
  const browserUrl = values['browser-url'];
  if (browserUrl !== undefined && !/^(wss?|https?):\/\/\S+$/.test(browserUrl)) {
    throw new UsageError(`--browser-url must start with ws://, wss://, http:// or https://; got "${browserUrl}"`);
  }
  return {
    ...(jobs === undefined ? {} : { jobs }),
    ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
    ...(values.print === true ? { printEdition: true } : {}),
    ...(values.force === true ? { force: true } : {}),
    ...(browserUrl === undefined ? {} : { browserUrl }),
  };
}

/** `--shard I/N`, checked. */
export function shardOption(text: string | undefined): BuildOptions {
  if (text === undefined) return {};
  const shard = parseShard(text);
  if (shard === undefined) throw new UsageError(`--shard must be I/N with 1 ≤ I ≤ N, e.g. 2/4; got "${text}"`);
  return { shard };
}

/** A whole number written as digits, from `min` to `max`. */
export function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${option} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

/** A number written as digits with optional decimals, from `min` to `max`. */
function decimalNumber(option: string, text: string, min: number, max: number, what: string): number {
  const value = /^\d{1,9}(\.\d{1,9})?$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= min && value <= max)) throw new UsageError(`${option} must be ${what} from ${min} to ${max}, got "${text}"`);
  return value;
}

/** The folders given on the command line, as build options (the others keep their defaults). */
export function folderOptions(values: { readonly content?: string | undefined; readonly templates?: string | undefined; readonly out?: string | undefined }): BuildOptions {
  for (const [option, value] of Object.entries(values)) {
    // An unset variable (`--out "$OUT"`) would otherwise mean the current folder.
    if ((option === 'content' || option === 'templates' || option === 'out') && value === '') throw new UsageError(`--${option} needs a folder, got an empty name`);
  }
  return {
    ...(values.content === undefined ? {} : { contentDir: values.content }),
    ...(values.templates === undefined ? {} : { templatesDir: values.templates }),
    ...(values.out === undefined ? {} : { outDir: values.out }),
  };
}

/**
 * A command's parsed arguments, or its exit status when there is nothing more to do: the usage
 * shown for `--help` (0), or the problem and the usage for a wrong command line (2).
 */
export function readCommandLine<Command>(argv: readonly string[], parse: (argv: readonly string[]) => Command | 'help', usage: string): Command | number {
  try {
    const parsed = parse(argv);
    if (parsed !== 'help') return parsed;
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  } catch (error) {
    process.stderr.write(`factsheets: ${error instanceof Error ? error.message : String(error)}\n\n${usage}\n`);
    return EXIT.usage;
  }
}

/** A command's arguments: its name and any positionals, and these options, strictly (unknown options are errors). */
export function parseCommandOptions<const Options extends NonNullable<ParseArgsConfig['options']>>(
  argv: readonly string[],
  options: Options,
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: Options }>> {
  return parseCommandLineOptions({ args: [...argv], allowPositionals: true, strict: true, options });
}
