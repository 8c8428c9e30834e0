#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { resolveConfig, type BuildOptions } from './config.js';
import { runPipeline } from './pipeline.js';
import { formatGithubAnnotations, formatJsonReport, formatTextReport } from './report.js';

const USAGE = `Usage: factsheets build [--content DIR] [--templates DIR] [--out DIR] [--only NAMES] [--jobs N]
                        [--print] [--force] [--timeout SECONDS] [--json]

Builds a PDF for every document in the content folder:
  *.md            factsheets  -> OUT/<name>.pdf
  countries/*.md  one-pagers  -> OUT/countries/<name>.pdf

Options:
  --content DIR    content folder (default: content)
  --templates DIR  templates folder (default: templates)
  --out DIR        output folder (default: output)
  --only NAMES     build only these documents, comma-separated (e.g. factsheet,mali)
  --jobs N         browser pages printing at once (default: 4 on 2+ cores)
  --print          also write print files with 3 mm bleed and crop marks under OUT/print/
  --force          print every document, even those whose PDF is up to date
  --timeout S      deadline to print one document; a hung browser is relaunched (default: 30)
  --json           print the report as JSON on stdout instead of text
  -h, --help       show this help

Exit status: 0 all built, 1 some document or input failed, 2 wrong command line.`;

/** Exit statuses of the contract. */
const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

class UsageError extends Error {}

/** The only place that reads argv, writes to stdout/stderr and sets the exit code. */
async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  let command: Command;
  try {
    const parsed = parseCommandLine(argv);
    if (parsed === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    command = parsed;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`factsheets: ${message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }

  const report = await runPipeline(resolveConfig(command.options));
  const annotations = env['GITHUB_ACTIONS'] === 'true' ? formatGithubAnnotations(report) : '';
  if (command.json) {
    process.stdout.write(formatJsonReport(report));
    process.stderr.write(annotations);
  } else {
    const text = formatTextReport(report);
    process.stderr.write(text.stderr);
    process.stdout.write(annotations + text.stdout);
  }
  if (report.errors.some((error) => error.stage === 'cli')) return EXIT.usage;
  return report.errors.length === 0 ? EXIT.ok : EXIT.failed;
}

interface Command {
  readonly options: BuildOptions;
  /** Print the report as JSON instead of text. */
  readonly json: boolean;
}

function parseCommandLine(argv: readonly string[]): Command | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        content: { type: 'string' },
        templates: { type: 'string' },
        out: { type: 'string' },
        only: { type: 'string' },
        jobs: { type: 'string' },
        timeout: { type: 'string' },
        json: { type: 'boolean' },
        print: { type: 'boolean' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    // Node's messages name the bad option; drop its "To specify a positional argument…" advice.
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('. To specify')[0] ?? 'bad option');
  }
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (positionals.length === 0) throw new UsageError('missing command (the command is "build")');
  if (positionals[0] !== 'build' || positionals.length > 1) {
    throw new UsageError(`unknown command "${positionals.join(' ')}" (the command is "build")`);
  }
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) {
    throw new UsageError(`--jobs must be a whole number from 1 to 64, got "${values.jobs}"`);
  }
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0 || timeout > 3600)) {
    throw new UsageError(`--timeout must be a number of seconds from 1 to 3600, got "${values.timeout}"`);
  }
  const only = values.only?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (only !== undefined && only.length === 0) throw new UsageError('--only needs at least one document name');
  const options: BuildOptions = {
    ...(values.content === undefined ? {} : { contentDir: values.content }),
    ...(values.templates === undefined ? {} : { templatesDir: values.templates }),
    ...(values.out === undefined ? {} : { outDir: values.out }),
    ...(only === undefined ? {} : { only }),
    ...(jobs === undefined ? {} : { jobs }),
    ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
    ...(values.print === true ? { printEdition: true } : {}),
    ...(values.force === true ? { force: true } : {}),
  };
  return { options, json: values.json === true };
}

main(process.argv.slice(2), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug, not bad input: still no stack trace for the user, but enough to report it.
    process.stderr.write(`factsheets: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.stderr.write('Please report this with the command you ran (set FACTSHEETS_DEBUG=1 for details).\n');
    if (process.env['FACTSHEETS_DEBUG'] === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    process.exitCode = EXIT.failed;
  },
);

