import { FactsheetsError, type Stage } from '../../../errors.js';
import type { SourceFile } from '../../../model/documents.js';
import { HELPER_NAMES, HelperError } from './helpers.js';

/** Where Handlebars' parser stopped: its lexer's last token (first_line 1-based, first_column 0-based). */
export interface ParserStop {
  readonly first_line: number;
  readonly first_column: number;
}

const MISSING_FIELD_HINT =
  "Check the spelling of the field; factsheets' docs/writing.md lists the data each document sees.";

/** Turns Handlebars' three ways of failing into one positioned FactsheetsError. */
export function templateError(file: SourceFile, error: unknown, stage: Stage, stop?: ParserStop): FactsheetsError {
  if (error instanceof FactsheetsError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const at = { stage, file: file.displayPath };

  if (error instanceof HelperError) {
    // Strict mode does not check helper arguments: name the undefined path the helper was given.
    const argument =
      error.location === undefined ? undefined : argumentAt(file.text, error.location.line, error.location.column);
    const undefinedPath = message.endsWith('got undefined') && argument !== undefined ? argument : undefined;
    return new FactsheetsError(
      undefinedPath === undefined ? message : `"${undefinedPath}" is not defined here (${message})`,
      {
        ...at,
        ...(error.location === undefined ? {} : { line: error.location.line, column: error.location.column + 1 }),
        hint:
          error.hint ??
          (undefinedPath !== undefined
            ? MISSING_FIELD_HINT
            : message.startsWith('asset:')
              ? 'Put the image in templates/assets/ and name it by its path there, e.g. {{asset "logo.svg"}}.'
              : 'Pass one number to money, number and percent, and an ISO date to date, e.g. {{money funding.total}}.'),
        cause: error,
      },
    );
  }
  const parse = /^Parse error on line (\d+):\n[^\n]*\n[^\n]*\n(.*)$/s.exec(message);
  if (parse) return syntaxError(file, parse[2] ?? '', Number(parse[1]), stop, stage, error);
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)$/.exec(message);
  if (mismatch) {
    const [, opened = '', closed = ''] = mismatch;
    return new FactsheetsError(`the {{#${opened}}} block is closed by {{/${closed}}}`, {
      ...at,
      line: Number(mismatch[3]),
      column: Number(mismatch[4]) + 1,
      hint: `Close it with {{/${opened}}}, or open the {{#${closed}}} block that {{/${closed}}} was meant to close.`,
      cause: error,
    });
  }
  const located = error as { lineNumber?: number; column?: number };
  const text = message.replace(/ - \d+:\d+$/, '');
  const missing = /^"([^"]+)" not defined in/.exec(text);
  const unknownHelper = /unknown helper (\S+)/.exec(text);
  // Handlebars names only the last segment ("total" for a misspelt "fundng.total"): show the whole path.
  const path = missing ? (pathAt(file.text, located.lineNumber, located.column) ?? missing[1]) : undefined;
  return new FactsheetsError(
    path !== undefined
      ? `"${path}" is not defined here`
      : unknownHelper
        ? `unknown helper "${unknownHelper[1]}"`
        : text,
    {
      ...at,
      ...(typeof located.lineNumber === 'number' ? { line: located.lineNumber } : {}),
      ...(typeof located.column === 'number' ? { column: located.column + 1 } : {}),
      hint: unknownHelper
        ? `Only these helpers are available here: ${HELPER_NAMES.join(', ')}.`
        : missing
          ? MISSING_FIELD_HINT
          : 'Check the template expression at this position.',
      cause: error,
    },
  );
}

/** The first argument of the `{{helper argument}}` expression starting at a 1-based line and 0-based column. */
function argumentAt(text: string, line: number, column: number): string | undefined {
  const rest = text.split('\n')[line - 1]?.slice(column) ?? '';
  const argument = /^\{\{~?\s*[\w-]+\s+([^\s}()]+)/.exec(rest)?.[1];
  return argument !== undefined && /^[\w@][\w.@/[\]-]*$/.test(argument) ? argument : undefined;
}

/** The path expression (`funding.total`) at a 1-based line and 0-based column, if one is there. */
function pathAt(text: string, line: number | undefined, column: number | undefined): string | undefined {
  if (line === undefined || column === undefined) return undefined;
  const rest = text.split('\n')[line - 1]?.slice(column) ?? '';
  return /^[\w@][\w.@/[\]-]*/.exec(rest)?.[0];
}

/**
 * A parse error at the place to fix: an unclosed block at the tag that opens it (the parser
 * only notices at the end of the file), anything else at the token the parser stopped on.
 */
function syntaxError(
  file: SourceFile,
  detail: string,
  line: number,
  stop: ParserStop | undefined,
  stage: Stage,
  cause: unknown,
): FactsheetsError {
  const got = /got '([^']+)'/.exec(detail)?.[1];
  const at = { stage, file: file.displayPath, cause };
  if (got === 'EOF') {
    const open = unclosedBlock(file.text);
    if (open !== undefined) {
      return new FactsheetsError(`the {{${open.sigil}${open.name}}} block opened here is never closed`, {
        ...at,
        line: open.line,
        column: open.column,
        hint: `Close it with {{/${open.name}}} where the block ends.`,
      });
    }
  }
  const where = stop === undefined ? { line } : { line: stop.first_line, column: stop.first_column + 1 };
  if (got === 'EOF') {
    return new FactsheetsError('template syntax error: the template ends inside an unfinished {{ }} expression', {
      ...at,
      ...where,
      hint: 'Close the expression with "}}".',
    });
  }
  if (got === 'INVALID') {
    return new FactsheetsError(
      'template syntax error: a {{ }} expression is not closed or contains an unexpected character',
      {
        ...at,
        ...where,
        hint: 'Close it with "}}" ("}}}" after "{{{"), or remove the stray character.',
      },
    );
  }
  if (got === 'CLOSE' || got === 'CLOSE_UNESCAPED') {
    return new FactsheetsError('template syntax error: the expression ends here before it is complete', {
      ...at,
      ...where,
      hint: 'Complete it before its "}}": a partial\'s name after {{>, a value after =, the field a helper is given.',
    });
  }
  return new FactsheetsError(
    `template syntax error: ${got === undefined ? detail : `unexpected ${got.toLowerCase().replace(/_/g, ' ')}`}`,
    {
      ...at,
      ...where,
      hint: 'Check that every {{ has a matching }} and every {{#block}} its {{/block}}.',
    },
  );
}

const COMMENTS = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g;
const BLOCK_TAGS = /\{\{~?\s*(?:([#^])\s*([>*]?)\s*([^\s}~()]+)|\/\s*([^\s}~]+))/g;

/** The innermost block tag (`{{#if …}}`, `{{#each …}}`) that no `{{/…}}` closes, with its 1-based position. */
function unclosedBlock(text: string): { sigil: string; name: string; line: number; column: number } | undefined {
  const markup = text.replace(COMMENTS, (comment) => comment.replace(/[^\n]/g, ' '));
  const open: { sigil: string; name: string; index: number }[] = [];
  for (const match of markup.matchAll(BLOCK_TAGS)) {
    const closing = match[4];
    if (closing === undefined) {
      open.push({ sigil: `${match[1] ?? '#'}${match[2] ?? ''}`, name: match[3] ?? '', index: match.index });
      continue;
    }
    let at = open.length - 1;
    while (at >= 0 && open[at]?.name !== closing) at -= 1;
    if (at >= 0) open.length = at;
  }
  const innermost = open.at(-1);
  if (innermost === undefined) return undefined;
  const before = text.slice(0, innermost.index);
  return {
    sigil: innermost.sigil,
    name: innermost.name,
    line: before.split('\n').length,
    column: innermost.index - before.lastIndexOf('\n'),
  };
}
