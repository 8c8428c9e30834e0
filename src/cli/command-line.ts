import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BuildOptions } from '../config.js';
import { EXIT, UsageError } from './exit.js';

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

/** The folders given on the command line, as build options (the others keep their defaults). */
export function folderOptions(values: { readonly content?: string | undefined; readonly templates?: string | undefined; readonly out?: string | undefined }): BuildOptions {
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
