import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT, UsageError } from './exit.js';

/** Node's strict option parser with positionals; a bad option becomes a UsageError naming it. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: readonly string[], options: T): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; strict: true; options: T }>> {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error) {
    // Node's messages name the bad option; drop its "To specify a positional argument…" advice.
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('. To specify')[0] ?? 'bad option');
  }
}

/**
 * Parses a command's arguments: the parsed command, or the exit status when there is nothing
 * to run (`--help` printed the usage, or a wrong command line was reported with it).
 */
export function parseCommand<C>(argv: readonly string[], usage: string, parse: (argv: readonly string[]) => C | 'help'): C | number {
  try {
    const parsed = parse(argv);
    if (parsed !== 'help') return parsed;
    process.stdout.write(`${usage}\n`);
    return EXIT.ok;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`factsheets: ${message}\n\n${usage}\n`);
    return EXIT.usage;
  }
}
