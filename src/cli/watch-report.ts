import { formatError, formatPosition, type FactsheetsError } from '../errors.js';
import type { BuildReport } from '../model/documents.js';
import { isScreenResult } from '../outputs/registry.js';
import { formatTextReport } from './report.js';

/** What a long-running build (watch mode, the preview) prints: the first report whole, then a line per rebuild. */
export function printWatchReport(report: BuildReport, first: boolean): void {
  if (first) {
    const text = formatTextReport(report);
    process.stderr.write(text.stderr);
    process.stdout.write(text.stdout);
    return;
  }
  const stillFailing = new Set(report.stillFailing ?? []);
  for (const error of report.errors)
    if (error.document === undefined || !stillFailing.has(error.document))
      process.stderr.write(`${formatError(error)}\n`);
  for (const line of stillFailingLines(report, stillFailing)) process.stderr.write(`${line}\n`);
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${describeRebuild(report)}\n`);
}

/** One short line per document not tried again: its inputs are those it failed with, so its error stands. */
function stillFailingLines(report: BuildReport, names: ReadonlySet<string>): string[] {
  return report.documents
    .filter((document) => names.has(document.name) && isScreenResult(document))
    .map((document) => {
      const first: FactsheetsError | undefined = report.errors.find((error) => error.document === document.name);
      const position = first === undefined ? '' : formatPosition(first);
      return `still failing as before: ${document.kind} ${document.name} (fix ${position === '' ? document.source : position})`;
    });
}

/** One line for a rebuild: what was printed and how long it took, or why nothing was. */
function describeRebuild(report: BuildReport): string {
  const built = report.documents.filter((document) => document.status === 'built').map((document) => document.output);
  // Documents not tried again have their own short line.
  const stillFailing = new Set(report.stillFailing ?? []);
  const failed = report.documents
    .filter((document) => document.status === 'failed' && !stillFailing.has(document.name))
    .map((document) => document.output);
  const seconds = `${report.seconds.toFixed(2)} s`;
  if (report.errors.length > 0 && built.length === 0)
    return `not rebuilt: ${report.errors.length} ${report.errors.length === 1 ? 'error' : 'errors'}${failed.length > 0 ? ` (${failed.join(', ')})` : ''}, in ${seconds}`;
  if (built.length === 0) return `no change to print, in ${seconds}`;
  return `rebuilt ${built.join(', ')}${failed.length > 0 ? `; failed ${failed.join(', ')}` : ''} in ${seconds}`;
}

/** A folder as the user would type it: relative to the working folder when inside it. */
export function relativeToCwd(path: string): string {
  const relative = path.startsWith(`${process.cwd()}/`) ? path.slice(process.cwd().length + 1) : path;
  return `${relative}/`;
}
