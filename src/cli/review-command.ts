import { join, relative, resolve } from 'node:path';
import { EXIT, UsageError } from './exit.js';
import { checkEnvironment, folderOptions, parseFlags, printOptions, readCommandLine } from './command-line.js';
import { COMMAND_FLAGS } from './flags.js';
import { commandUsage } from './usage.js';
import { resolveConfig, type BuildOptions } from '../config.js';
import { escapeForMessage, FactsheetsError, formatError, toFactsheetsError } from '../errors.js';
import { datasetContext } from './review-dataset.js';
import { formatTextReport } from './report.js';
import { writeOutput } from '../stages/write.js';

export const REVIEW_USAGE = commandUsage('review', {
  about: `Builds what is out of date (as factsheets build), then compares every PDF with the approved
build in DIR (its PDFs, manifest.json and manifest.review.json): unchanged, changed, added or
removed; for a changed PDF, the pages that look different and why (dataset rows, Markdown
lines, template files, fonts, tool version).`,
  footer: 'Exit status: 0 nothing changed, 3 something changed (approve it), 1 error, 2 wrong command line.',
});

/** Exit status of a review that found changes: CI can require an approval step on it. */
export const EXIT_CHANGES = 3;

interface ReviewCommand {
  readonly options: BuildOptions;
  readonly against: string;
  readonly reportDir: string | undefined;
  readonly format: 'text' | 'json' | 'markdown';
  /** No build summary line before the review's. */
  readonly quiet: boolean;
}

/** `factsheets review …`: build, compare with the approved build, write the report, exit 0 or 3. */
export async function runReviewCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const command = readCommandLine(argv, parseCommandLine, REVIEW_USAGE);
  if (typeof command === 'number') return command;
  const badEnvironment = checkEnvironment(env);
  if (badEnvironment !== undefined) return badEnvironment;
  const config = resolveConfig(command.options, env);
  const against = resolve(command.against);
  if (against === config.outDir) {
    process.stderr.write(
      `factsheets: --against and --out are the same folder (${against}): review a build in another folder than the approved one\n\n${REVIEW_USAGE}\n`,
    );
    return EXIT.usage;
  }

  const [{ runPipeline }, { launchPrinter }] = await Promise.all([
    import('../pipeline/pipeline.js'),
    import('../browser/launch.js'),
  ]);
  const build = await runPipeline(config, {
    launchPrinter: (options) => launchPrinter(options),
    now: () => performance.now(),
  });
  const buildText = formatTextReport(build);
  process.stderr.write(buildText.stderr);
  if (build.errors.length > 0) {
    process.stderr.write('factsheets: the build failed, so there is nothing complete to review\n');
    return EXIT.failed;
  }
  if (command.format === 'text' && !command.quiet)
    process.stdout.write(buildText.stdout.split('\n').slice(-2).join('\n'));

  try {
    const [{ reviewBuild }, summary, { formatReviewMarkdown }, { formatReviewHtml }] = await Promise.all([
      import('../review/review.js'),
      import('../review/summary.js'),
      import('../review/markdown-summary.js'),
      import('../review/html-report.js'),
    ]);
    const result = await reviewBuild(
      against,
      config.outDir,
      () => performance.now(),
      await datasetContext(config.contentDir),
    );
    for (const warning of result.warnings) process.stderr.write(`warning: ${escapeForMessage(warning)}\n`);
    // The default report folder is inside the output folder: confined to it (OUT/review itself may not be a link).
    const report =
      command.reportDir === undefined
        ? { root: config.outDir, sub: 'review', name: 'the output folder' }
        : { root: resolve(command.reportDir), sub: '.', name: 'the report folder' };
    const shownPath = shortPath(join(report.root, report.sub, 'index.html'));
    const markdown = formatReviewMarkdown(result, shownPath);
    await writeReport(report, formatReviewHtml(result), markdown);
    if (command.format === 'json') process.stdout.write(summary.formatReviewJson(result));
    else if (command.format === 'markdown') process.stdout.write(markdown);
    else process.stdout.write(`${summary.formatReviewText(result)}report: ${shownPath}\n`);
    return summary.documentsToReview(result).length === 0 ? EXIT.ok : EXIT_CHANGES;
  } catch (error) {
    process.stderr.write(
      `${formatError(error instanceof FactsheetsError ? error : toFactsheetsError(error, { stage: 'load' }))}\n`,
    );
    return EXIT.failed;
  }
}

/** A path relative to the working folder when it is inside it, else absolute. */
function shortPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside === '' || inside.startsWith('..') ? path : inside;
}

/** The report's two files, each written as every output is: whole or not at all, never through a link. */
async function writeReport(
  report: { readonly root: string; readonly sub: string; readonly name: string },
  html: string,
  markdown: string,
): Promise<void> {
  const encoder = new TextEncoder();
  for (const [file, text] of [
    ['index.html', html],
    ['summary.md', markdown],
  ] as const) {
    try {
      await writeOutput(report.root, join(report.sub, file), encoder.encode(text), { folderName: report.name });
    } catch (error) {
      if (error instanceof FactsheetsError && error.file !== undefined && error.file !== report.root) throw error;
      throw new FactsheetsError(
        `cannot write the review report to ${join(report.root, report.sub)}: ${error instanceof Error ? error.message : String(error)}`,
        {
          stage: 'write',
          file: join(report.root, report.sub),
          hint: 'Choose a folder you can write to with --report DIR.',
        },
      );
    }
  }
}

function parseCommandLine(argv: readonly string[]): ReviewCommand | 'help' {
  const parsed = parseFlags(argv, COMMAND_FLAGS.review, (positionals) => {
    if (positionals.length !== 1 || positionals[0] !== 'review')
      throw new UsageError(`unexpected argument "${positionals.slice(1).join(' ')}"`);
  });
  if (parsed === 'help') return 'help';
  const { values } = parsed;
  if (values.json && values.markdown) throw new UsageError('--json and --markdown cannot be used together');
  return {
    options: { ...folderOptions(values), ...printOptions(values) },
    quiet: values.quiet,
    against: values.against,
    reportDir: values.report,
    format: values.json ? 'json' : values.markdown ? 'markdown' : 'text',
  };
}
