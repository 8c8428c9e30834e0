import { escapeForMessage, FactsheetsError, formatError, formatPosition, safeLineStart } from '../errors.js';
import type { BuildReport } from '../types.js';

/** The report for people: a line per PDF, errors and warnings, and a summary line. */
export function formatTextReport(report: BuildReport): { stdout: string; stderr: string } {
  const stderr = [
    ...report.errors.map((error) => `${formatError(error)}\n`),
    ...report.warnings.map((warning) => {
      const position = formatPosition({ file: warning.file === undefined ? undefined : escapeForMessage(warning.file), line: warning.line, column: undefined });
      return `${position === '' ? '' : `${safeLineStart(position)}: `}warning: ${escapeForMessage(warning.message)}\n`;
    }),
  ].join('');
  const built = report.documents.filter((document) => document.status === 'built');
  const unchanged = report.documents.filter((document) => document.status === 'unchanged');
  const failed = report.documents.filter((document) => document.status === 'failed');
  const errorCount = report.errors.length;
  const stdout = [
    ...built.map((document) => {
      const pages = `${document.pages ?? 0} ${document.pages === 1 ? 'page' : 'pages'}`;
      return `built  ${document.output}  (${pages}, ${document.milliseconds ?? 0} ms)\n`;
    }),
    ...(report.notes ?? []).map((note) => `note   ${note.file === undefined ? '' : `${escapeForMessage(note.file)}: `}${escapeForMessage(note.message)}\n`),
    ...failed.map((document) => `FAILED ${document.output}  (from ${escapeForMessage(document.source)})\n`),
    `${built.length} built, ${unchanged.length > 0 ? `${unchanged.length} unchanged, ` : ''}${failed.length} failed${errorCount > 0 ? `, ${errorCount} ${errorCount === 1 ? 'error' : 'errors'}` : ''} in ${report.seconds.toFixed(1)} s\n`,
  ].join('');
  return { stdout, stderr };
}

/** The report for machines (`--json`): documents, outputs, errors, warnings and timings. */
export function formatJsonReport(report: BuildReport): string {
  const count = (status: string) => report.documents.filter((document) => document.status === status).length;
  return `${JSON.stringify({
    ok: report.errors.length === 0,
    seconds: Math.round(report.seconds * 1000) / 1000,
    outDir: report.outDir,
    summary: { built: count('built'), unchanged: count('unchanged'), failed: count('failed'), errors: report.errors.length, warnings: report.warnings.length },
    documents: report.documents,
    errors: report.errors.map(errorJson),
    warnings: report.warnings,
    notes: report.notes ?? [],
  }, null, 2)}\n`;
}

function errorJson(error: FactsheetsError): Record<string, unknown> {
  return Object.fromEntries(Object.entries({
    stage: error.stage,
    file: error.file,
    line: error.line,
    column: error.column,
    document: error.document,
    message: error.message,
    hint: error.hint,
  }).filter(([, value]) => value !== undefined));
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
    const file = warning.file === undefined ? '' : ` file=${escapeProperty(escapeForMessage(warning.file))}${warning.line === undefined ? '' : `,line=${warning.line}`}`;
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
