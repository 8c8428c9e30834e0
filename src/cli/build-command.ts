import { handleSignals } from './signals.js';
import { EXIT, UsageError } from './exit.js';
import { generalUsage, listedCommands } from './command-names.js';
import { checkEnvironment, folderOptions, parseFlags, printOptions, readCommandLine } from './command-line.js';
import { COMMAND_FLAGS } from './flags.js';
import { commandUsage } from './usage.js';
import { resolveConfig, type BuildOptions } from '../config.js';
import type { BuildReport } from '../model/documents.js';

import { formatGithubAnnotations, formatJsonReport, formatTextReport } from './report.js';
import { printWatchReport, relativeToCwd } from './watch-report.js';

export const BUILD_USAGE = commandUsage('build', {
  about: `Builds a PDF for every document in the content folder:
  *.md            factsheets  -> OUT/<name>.pdf
  countries/*.md  one-pagers  -> OUT/countries/<name>.pdf`,
  footer: 'Exit status: 0 all built, 1 some document or input failed, 2 wrong command line.',
});

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
  let early = printing
    ? startSystemBrowser({ executable: config.browserExecutable, pages: config.browserPages })
    : undefined;
  const [{ runPipeline }, { launchPrinter }] = await Promise.all([
    import('../pipeline/pipeline.js'),
    import('../browser/launch.js'),
  ]);
  let report: BuildReport;
  try {
    report = await runPipeline(config, {
      launchPrinter: (options) => {
        const started = early;
        early = undefined;
        return launchPrinter(options, started);
      },
      now: () => performance.now(),
      ...(live ? { onProgress: progressLine(performance.now()) } : {}),
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
  const parsed = parseFlags(argv, COMMAND_FLAGS.build, (positionals) => {
    if (positionals.length === 0) throw new UsageError(`missing command (the commands are ${listedCommands()})`);
    if (positionals[0] !== 'build' || positionals.length > 1) {
      throw new UsageError(`unknown command "${positionals.join(' ')}" (the commands are ${listedCommands()})`);
    }
  });
  if (parsed === 'help') return 'help';
  const { values } = parsed;
  const options: BuildOptions = {
    ...folderOptions(values),
    ...(values.only === undefined ? {} : { only: values.only }),
    ...printOptions(values),
    ...(values.shard === undefined ? {} : { shard: values.shard }),
  };
  return { options, json: values.json, watch: values.watch, quiet: values.quiet };
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
    onReady: () =>
      process.stdout.write(
        `watching ${relativeToCwd(config.contentDir)} and ${relativeToCwd(config.templatesDir)} for changes (Ctrl-C to stop; the briefing pack is left to full builds)\n`,
      ),
  });
  // The watcher ends its browser itself on Ctrl-C; a second signal while it does ends the process.
  await new Promise<void>((resolve) =>
    handleSignals(() => {
      handleSignals(undefined);
      resolve();
    }),
  );
  await watcher.stop();
  return EXIT.ok;
}
