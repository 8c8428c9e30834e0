import { escapeForMessage, type FactsheetsError, formatError, formatPosition, safeLineStart } from '../errors.js';
import { displayPath } from '../folders.js';
import { allOutputs, outputOfResult } from '../outputs/registry.js';
import type { BuildReport, DocumentResult, DocumentStatus } from '../model/documents.js';

/** The report for people: a line per PDF, errors and warnings, and a summary line. */
export function formatTextReport(report: BuildReport): { stdout: string; stderr: string } {
  const stderr = [
    ...report.errors.map((error) => `${formatError(error)}\n`),
    ...report.warnings.map((warning) => {
      const position = formatPosition({
        file: warning.file === undefined ? undefined : escapeForMessage(warning.file),
        line: warning.line,
        column: undefined,
      });
      return `${position === '' ? '' : `${safeLineStart(position)}: `}warning: ${escapeForMessage(warning.message)}\n`;
    }),
  ].join('');
  const built = report.documents.filter((document) => document.status === 'built');
  const unchanged = report.documents.filter((document) => document.status === 'unchanged');
  const failed = report.documents.filter((document) => document.status === 'failed');
  const errorCount = report.errors.length;
  const stdout = [
    // Which house style printed these pages, whenever it is not the stock one (a CI job can see it took the right one).
    ...(report.templates === undefined || report.templates.bundled
      ? []
      : [`templates  ${escapeForMessage(displayPath(report.templates.folder))}  (not the bundled templates)\n`]),
    ...built.map((document) => {
      const pages = `${document.pages ?? 0} ${document.pages === 1 ? 'page' : 'pages'}`;
      return `built  ${document.output}  (${labelOf(document)}${pages}, ${document.milliseconds ?? 0} ms)\n`;
    }),
    ...(report.notes ?? []).map(
      (note) =>
        `note   ${note.file === undefined ? '' : `${escapeForMessage(note.file)}: `}${escapeForMessage(note.message)}\n`,
    ),
    ...failed.map(
      (document) => `FAILED ${document.output}  (${labelOf(document)}from ${escapeForMessage(document.source)})\n`,
    ),
    // The PDFs left as they were, though out of date: a failed document's last good one, a print edition without --print.
    ...(report.outOfDate ?? []).map(
      (kept) => `kept   ${escapeForMessage(kept.output)}  (out of date: ${escapeForMessage(kept.reason)})\n`,
    ),
    `${counted(built, 'built')}, ${unchanged.length > 0 ? `${counted(unchanged, 'unchanged')}, ` : ''}${counted(failed, 'failed')}${errorCount > 0 ? `, ${errorCount} ${errorCount === 1 ? 'error' : 'errors'}` : ''} in ${report.seconds.toFixed(1)} s\n`,
  ].join('');
  return { stdout, stderr };
}

/** What a line says a PDF is, when it is not a document's own: "print edition, ", "briefing pack, ". */
function labelOf(result: DocumentResult): string {
  const { name } = outputOfResult(result).label;
  return name === undefined ? '' : `${name}, `;
}

/**
 * "10 built (9 documents, the briefing pack)", "17 built (15 documents, 2 briefing packs)": every PDF counted once, and what they are said
 * whenever they are not all documents' own (so a build of print editions only says so).
 */
function counted(results: readonly DocumentResult[], status: string): string {
  if (results.every((result) => outputOfResult(result).label.name === undefined)) return `${results.length} ${status}`;
  const parts = countByKind(results).flatMap(({ output, count }) => (count > 0 ? [output.label.count(count)] : []));
  return `${results.length} ${status} (${parts.join(', ')})`;
}

/** How many of the results each kind of output has, in the reports' order of kinds. */
function countByKind(results: readonly DocumentResult[]) {
  return allOutputs().map((output) => ({
    output,
    count: results.filter((result) => outputOfResult(result) === output).length,
  }));
}

/** The report for machines (`--json`): documents, outputs, errors, warnings and timings. */
export function formatJsonReport(report: BuildReport): string {
  const byStatus = (results: readonly DocumentResult[]) => {
    const count = (status: DocumentStatus) => results.filter((result) => result.status === status).length;
    return { built: count('built'), unchanged: count('unchanged'), failed: count('failed') };
  };
  // The same counts for each kind of output, under its key (documents, printEditions, briefingPack).
  const byKind = Object.fromEntries(
    allOutputs().map((output) => [
      output.label.summaryKey,
      byStatus(report.documents.filter((result) => outputOfResult(result) === output)),
    ]),
  );
  return `${JSON.stringify(
    {
      ok: report.errors.length === 0,
      seconds: Math.round(report.seconds * 1000) / 1000,
      outDir: report.outDir,
      ...(report.templates === undefined ? {} : { templates: report.templates }),
      // Every PDF counted once; then the same counts for each kind of output.
      summary: {
        ...byStatus(report.documents),
        errors: report.errors.length,
        warnings: report.warnings.length,
        ...byKind,
      },
      documents: report.documents,
      errors: report.errors.map(errorJson),
      warnings: report.warnings,
      notes: report.notes ?? [],
      // PDFs kept in the output folder though out of date, with why (also on their documents' results).
      outOfDate: report.outOfDate ?? [],
    },
    null,
    2,
  )}\n`;
}

function errorJson(error: FactsheetsError): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({
      stage: error.stage,
      file: error.file,
      line: error.line,
      column: error.column,
      document: error.document,
      message: error.message,
      hint: error.hint,
    }).filter(([, value]) => value !== undefined),
  );
}

/**
 * GitHub Actions workflow commands, so that each error shows on the file and line in a pull
 * request (`::error file=…,line=…,col=…,title=…::message`). Values are escaped as the runner expects.
 */
export function formatGithubAnnotations(report: BuildReport): string {
  const lines = report.errors.map((error) => {
    const properties = [
      error.file === undefined ? undefined : `file=${escapeProperty(error.file)}`,
      error.line === undefined ? undefined : `line=${error.line}`,
      error.column === undefined ? undefined : `col=${error.column}`,
      `title=${escapeProperty(`factsheets ${error.stage}`)}`,
    ].filter((property) => property !== undefined);
    const message = error.hint === undefined ? error.message : `${error.message}\n${error.hint}`;
    return `::error ${properties.join(',')}::${escapeData(message)}\n`;
  });
  for (const warning of report.warnings) {
    const file =
      warning.file === undefined
        ? ''
        : ` file=${escapeProperty(escapeForMessage(warning.file))}${warning.line === undefined ? '' : `,line=${warning.line}`}`;
    lines.push(`::warning${file}::${escapeData(escapeForMessage(warning.message))}\n`);
  }
  return lines.join('');
}

/** GitHub's escaping of a command's message: `%`, CR and LF as %25, %0D and %0A. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value (`file=…`) also escapes `:` and `,`, which end it. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
