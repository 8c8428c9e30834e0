import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BuildOptions } from '../config.js';
import { UsageError } from './exit.js';

/** The commands, as usage messages name them. */
export const COMMAND_NAMES = '"build", "preview" and "init"';

/** The options of every command that builds: its three folders, and help. */
export const FOLDER_OPTIONS = {
  content: { type: 'string' },
  templates: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

/** Node's parseArgs, where an unknown option or a missing value is a UsageError naming it. */
export function parseCommandLineOptions<const Config extends ParseArgsConfig>(config: Config): ReturnType<typeof parseArgs<Config>> {
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
