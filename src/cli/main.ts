#!/usr/bin/env node
// First: signals are handled from the first instant, before anything else loads.
import './signals.js';
import { runBuildCommand } from './build-command.js';
import { runPreviewCommand } from './preview-command.js';
import { runReviewCommand } from './review-command.js';
import { EXIT } from './exit.js';
import type { CommandName } from './command-names.js';
import { VERSION } from '../version.js';

type Command = (argv: readonly string[], env: NodeJS.ProcessEnv) => Promise<number>;

/** Commands by name; each takes the whole argument list (its own name included). */
const COMMANDS: Readonly<Record<CommandName, Command>> = {
  build: runBuildCommand,
  preview: runPreviewCommand,
  review: runReviewCommand,
  // Loaded when used: it reads the starter's files, which no build needs at start.
  init: async (argv) => (await import('./init-command.js')).runInitCommand(argv),
  check: async (argv) => (await import('./check-command.js')).runCheckCommand(argv),
  languages: async (argv, env) => (await import('./languages-command.js')).runLanguagesCommand(argv, env),
  forecast: async (argv, env) => (await import('./forecast-command.js')).runForecastCommand(argv, env),
};

/**
 * The factsheets command: the only place that reads argv, writes to the terminal and sets the
 * exit status. Each command lives in a module of its own and gets the rest of the arguments.
 */
async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (argv.length === 1 && argv[0] === '--version') {
    process.stdout.write(`factsheets ${VERSION}\n`);
    return EXIT.ok;
  }
  const name = argv.find((argument) => !argument.startsWith('-'));
  // The build command also reports a missing or unknown command, with the usage.
  const command =
    (name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined) ??
    runBuildCommand;
  return command(argv, env);
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not bad input: still no stack trace for the user, but enough to report it.
    process.stderr.write(`factsheets: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write('Please report this with the command you ran (set FACTSHEETS_DEBUG=1 for details).\n');
    if (process.env['FACTSHEETS_DEBUG'] === '1' && error instanceof Error)
      process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = EXIT.failed;
  },
);
