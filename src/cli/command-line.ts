import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BuildOptions } from '../config.js';
import type { Flags, FlagValues } from './flags.js';
import { EXIT, UsageError } from './exit.js';
import { escapeForMessage } from '../errors.js';

/** The last second a PDF date can hold (year 9999). */
const LATEST_EPOCH = 253_402_300_799;

/**
 * The environment a build reads, checked as its options are: a SOURCE_DATE_EPOCH that is set
 * but not a number of seconds within a PDF date's range is the problem and exit status 2
 * (never silently ignored, never "Invalid time value" in every document). Empty is unset.
 */
export function checkEnvironment(env: NodeJS.ProcessEnv): number | undefined {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || epoch === '' || (/^\d{1,12}$/.test(epoch) && Number(epoch) <= LATEST_EPOCH))
    return undefined;
  process.stderr.write(
    `factsheets: SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 UTC, from 0 to ${LATEST_EPOCH} (the end of 9999), got "${escapeForMessage(epoch)}"\n` +
      "  hint: Set it to a commit's time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.\n",
  );
  return EXIT.usage;
}

interface FolderValues {
  readonly content?: string | undefined;
  readonly templates?: string | undefined;
  readonly out?: string | undefined;
}

/** The folders given on the command line (checked by their flags), as build options; the others keep their defaults. */
export function folderOptions(values: FolderValues): BuildOptions {
  return {
    ...(values.content === undefined ? {} : { contentDir: values.content }),
    ...(values.templates === undefined ? {} : { templatesDir: values.templates }),
    ...(values.out === undefined ? {} : { outDir: values.out }),
  };
}

interface PrintValues {
  readonly jobs?: number | undefined;
  readonly timeout?: number | undefined;
  readonly print?: boolean;
  readonly force?: boolean;
  readonly 'browser-url'?: string | undefined;
}

/** The print flags given (build, review), as build options. */
export function printOptions(values: PrintValues): BuildOptions {
  const browserUrl = values['browser-url'];
  return {
    ...(values.jobs === undefined ? {} : { jobs: values.jobs }),
    ...(values.timeout === undefined ? {} : { timeoutSeconds: values.timeout }),
    ...(values.print === true ? { printEdition: true } : {}),
    ...(values.force === true ? { force: true } : {}),
    ...(browserUrl === undefined ? {} : { browserUrl }),
  };
}

/**
 * A command's parsed arguments, or its exit status when there is nothing more to do: the usage
 * shown for `--help` (0), or the problem and the usage for a wrong command line (2).
 */
export function readCommandLine<Command>(
  argv: readonly string[],
  parse: (argv: readonly string[]) => Command | 'help',
  usage: string,
): Command | number {
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

/** A command's arguments: its flags' values, each read and checked by its kind, and the rest (its name first). */
export interface CommandArguments<F extends Flags> {
  readonly values: FlagValues<F>;
  readonly positionals: readonly string[];
}

/**
 * A command's arguments against its flags in the table (src/cli/flags.ts): 'help' for -h or
 * --help; otherwise the positionals checked by `operands` (a wrong command word comes before a
 * wrong value), then every flag's value by its kind. Unknown flags, a missing value, a value
 * out of its range and a missing required flag are each a UsageError naming the flag.
 */
export function parseFlags<const F extends Flags>(
  argv: readonly string[],
  flags: F,
  operands: (positionals: readonly string[]) => void = () => undefined,
): CommandArguments<F> | 'help' {
  const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
  for (const [name, flag] of Object.entries(flags)) options[name] = { type: flag.type };
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options }) as typeof parsed;
  } catch (error) {
    // Node's messages name the bad option; drop its "To specify a positional argument…" advice.
    throw new UsageError(
      (error instanceof Error ? error.message : String(error)).split('. To specify')[0] ?? 'bad option',
    );
  }
  if (parsed.values['help'] === true) return 'help';
  operands(parsed.positionals);
  const values: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(flags)) {
    const given = parsed.values[name];
    if (flag.type === 'boolean') values[name] = given === true;
    else if (typeof given === 'string') values[name] = flag.kind.read(given, `--${name}`);
    else if (flag.required !== undefined) throw new UsageError(`--${name} ${flag.value} is required: ${flag.required}`);
  }
  return { values: values as FlagValues<F>, positionals: parsed.positionals };
}
