import { handleSignals } from './signals.js';
import { EXIT, UsageError } from './exit.js';
import { generalUsage, listedCommands } from './command-names.js';
import { checkEnvironment, FOLDER_OPTIONS, folderOptions, parseCommandOptions, PRINT_OPTIONS, printOptions, readCommandLine, shardOption } from './command-line.js';
import { resolveConfig, type BuildOptions } from '../config.js';
import type { BuildReport } from '../types.js';

import { formatGithubAnnotations, formatJsonReport, formatTextReport } from './report.js';
import { printWatchReport, relativeToCwd } from './watch-report.js';

export const BUILD_USAGE = `Usage: factsheets build [--content DIR] [--templates DIR] [--out DIR] [--only NAMES] [--jobs N]
                        [--print] [--force] [--watch] [--shard I/N] [--browser-url URL]
                        [--timeout SECONDS] [--json] [--quiet]

Builds a PDF for every document in the content folder:
  *.md            factsheets  -> OUT/<name>.pdf
  countries/*.md  one-pagers  -> OUT/countries/<name>.pdf

Options:
  --content DIR    content folder (default: content)
  --templates DIR  templates folder (default: templates)
  --out DIR        output folder (default: output)
  --only NAMES     build only these documents, comma-separated (e.g. factsheet,mali)
  --jobs N         browser pages printing at once (default: 4 on 2+ cores)
  --print          also write print files with the layout's bleed and crop marks under OUT/print/
  --force          print every document, even those whose PDF is up to date
  --watch          keep the browser warm and rebuild what each change affects (Ctrl-C stops)
  --shard I/N      build only shard I of N (e.g. 2/4), for a CI matrix; no pack
  --browser-url U  print through a running Chrome (ws://… or http://…) instead of launching one
                   (also FACTSHEETS_BROWSER_URL)
  --quiet          no progress line and no line per PDF: errors, warnings and the summary
  --timeout S      deadline to print one document; a hung browser is relaunched (default: 30)
  --json           print the report as JSON on stdout instead of text
  -h, --help       show this help

Exit status: 0 all built, 1 some document or input failed, 2 wrong command line.`;

/** `factsheets build …`: one build (or watch mode), its report on the terminal, its exit status. */
export async function runBuildCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  // Without the word "build" (no command, an unknown one, a bare --help) the usage is every command's.
  const command = readCommandLine(argv, parseCommandLine, argv.includes('build') ? BUILD_USAGE : generalUsage());
  if (typeof command === 'number') return command;
  const badEnvironment = checkEnvironment(env);
  if (badEnvironment !== undefined) return badEnvironment;

  if (command.watch) return watchMode(command.options);
  const live = !command.quiet && !command.json && process.stderr.isTTY === true && env['CI'] === undefined;
  const config = resolveConfig(command.options);
  // An output folder without a manifest (or --force) will be printed: the browser starts now,
  // while the build's own code loads, and is handed to the printer.
  const { hasManifest } = await import('../pipeline/manifest.js');
  const printing = config.browserUrl === undefined && (config.force || !hasManifest(config.outDir));
  const { startSystemBrowser } = await import('../browser/process.js');
  let early = printing ? startSystemBrowser({ executable: config.browserExecutable, pages: config.browserPages }) : undefined;
  const [{ runPipeline }, { launchPrinter }] = await Promise.all([import('../pipeline/pipeline.js'), import('../browser/launch.js')]);
  let report: BuildReport;
  try {
    report = await runPipeline(config, {
      launchPrinter: (options) => {
        const started = early;
        early = undefined;
        return launchPrinter(options, started);
      },
      now: () => performance.now(), ...(live ? { onProgress: progressLine(performance.now()) } : {}),
    });
  } finally {
    // Not needed after all (every document failed, or none was out of date).
    early?.kill();
  }
  if (live) process.stderr.write('\r\x1b[K');
  const annotations = env['GITHUB_ACTIONS'] === 'true' ? formatGithubAnnotations(report) : '';
  if (command.json) {
    process.stdout.write(formatJsonReport(report));
    process.stderr.write(annotations);
  } else {
    const text = formatTextReport(report);
    process.stderr.write(text.stderr);
    // --quiet keeps only the summary line (the last) of the text report.
    process.stdout.write(annotations + (command.quiet ? text.stdout.split('\n').slice(-2).join('\n') : text.stdout));
  }
  if (report.errors.some((error) => error.stage === 'cli')) return EXIT.usage;
  return report.errors.length === 0 ? EXIT.ok : EXIT.failed;
}

interface Command {
  readonly options: BuildOptions;
  /** Print the report as JSON instead of text. */
  readonly json: boolean;
  /** Rebuild on every change until interrupted. */
  readonly watch: boolean;
  /** Only errors, warnings and the summary; no progress line. */
  readonly quiet: boolean;
}

function parseCommandLine(argv: readonly string[]): Command | 'help' {
  const parsed = parseCommandOptions(argv, {
    ...FOLDER_OPTIONS,
    ...PRINT_OPTIONS,
    only: { type: 'string' },
    json: { type: 'boolean' },
    watch: { type: 'boolean' },
    shard: { type: 'string' },
  });
  const { values, positionals } = parsed;
  if (values.help === true) return 'help';
  if (positionals.length === 0) throw new UsageError(`missing command (the commands are ${listedCommands()})`);
  if (positionals[0] !== 'build' || positionals.length > 1) {
    throw new UsageError(`unknown command "${positionals.join(' ')}" (the commands are ${listedCommands()})`);
  }
  const only = values.only?.split(',').map((name) => name.trim()).filter((name) => name !== '');
  if (only !== undefined && only.length === 0) throw new UsageError('--only needs at least one document name');
  const options: BuildOptions = {
    ...folderOptions(values),
    ...(only === undefined ? {} : { only }),
    ...printOptions(values),
    ...shardOption(values.shard),
  };
  return { options, json: values.json === true, watch: values.watch === true, quiet: values.quiet === true };
}

/** A live `12/200 documents · 14.2/s · about 13 s left` line on a terminal, redrawn in place. */
function progressLine(started: number): (done: number, total: number) => void {
  return (done, total) => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const left = rate > 0 && done < total ? ` · about ${Math.ceil((total - done) / rate)} s left` : '';
    process.stderr.write(`\r\x1b[K${done}/${total} documents · ${rate.toFixed(1)}/s${left}`);
  };
}

/** Watch mode: the first build's report, then one line per rebuild; runs until SIGINT or SIGTERM. */
async function watchMode(options: BuildOptions): Promise<number> {
  const config = resolveConfig({ ...options, skipPack: true });
  const { watchBuild } = await import('../pipeline/watch.js');
  const watcher = await watchBuild(config, {
    onBuild: printWatchReport,
    onReady: () => process.stdout.write(`watching ${relativeToCwd(config.contentDir)} and ${relativeToCwd(config.templatesDir)} for changes (Ctrl-C to stop; the briefing pack is left to full builds)\n`),
  });
  // The watcher ends its browser itself on Ctrl-C; a second signal while it does ends the process.
  await new Promise<void>((resolve) => handleSignals(() => {
    handleSignals(undefined);
    resolve();
  }));
  await watcher.stop();
  return EXIT.ok;
}
