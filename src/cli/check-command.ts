import { readFile } from 'node:fs/promises';
import { EXIT, UsageError } from './exit.js';
import { parseFlags, readCommandLine } from './command-line.js';
import { COMMAND_FLAGS } from './flags.js';
import { commandUsage } from './usage.js';
import { FactsheetsError } from '../errors.js';
import { checkStandards, describeFailure } from '../pdf/ua-check.js';

export const CHECK_USAGE = commandUsage('check', {
  about: `Checks PDFs, built here or anywhere, against the machine-checkable conditions of PDF/UA-1
(ISO 14289-1; rule ids as in veraPDF's PDF/UA-1 profile, with the Matterhorn Protocol's
failure conditions) and, with --print, of PDF/X-4 too. One line per failure:
FILE: RULE (Matterhorn NN-NNN): what is wrong. A file the checker cannot read (cross-reference
streams, object streams, encryption) is one error line.`,
  footer: 'Exit status: 0 every file passes, 1 a file fails or cannot be read, 2 wrong command line.',
});

interface CheckCommand {
  readonly files: readonly string[];
  readonly print: boolean;
}

/** `factsheets check FILE...`: every failure of every file on stdout, one line each; exit 1 if any. */
export async function runCheckCommand(argv: readonly string[]): Promise<number> {
  const command = readCommandLine(argv, parseCommandLine, CHECK_USAGE);
  if (typeof command === 'number') return command;
  let failed = false;
  for (const file of command.files) {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      process.stderr.write(
        `${file}: error: cannot read it (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})\n`,
      );
      failed = true;
      continue;
    }
    try {
      const failures = checkStandards(bytes, file, { print: command.print });
      for (const failure of failures) process.stdout.write(`${file}: ${describeFailure(failure)}\n`);
      if (failures.length > 0) failed = true;
      else
        process.stderr.write(
          `${file}: passes PDF/UA-1${command.print ? ' and PDF/X-4' : ''} (the machine-checkable conditions)\n`,
        );
    } catch (error) {
      if (!(error instanceof FactsheetsError)) throw error;
      process.stderr.write(
        `${file}: error: ${error.message.replace(/^cannot read [^:]*: /, 'cannot read it: ')} (this checker reads PDFs with classic cross-reference tables)\n`,
      );
      failed = true;
    }
  }
  return failed ? EXIT.failed : EXIT.ok;
}

function parseCommandLine(argv: readonly string[]): CheckCommand | 'help' {
  const parsed = parseFlags(argv, COMMAND_FLAGS.check, (positionals) => {
    if (positionals.length < 2) throw new UsageError('check needs at least one PDF file');
  });
  if (parsed === 'help') return 'help';
  return { files: parsed.positionals.slice(1), print: parsed.values.print };
}
