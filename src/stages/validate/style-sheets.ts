import postcss, { CssSyntaxError } from 'postcss';
import { FactsheetsError } from '../../errors.js';
import type { SourceFile } from '../../types.js';

/**
 * What each of PostCSS's syntax errors means to a designer, and what to do. A browser reads a
 * broken sheet without a word (a missing `}` makes the rest of the sheet a nested rule, and the
 * page silently loses its styling), so the build reads each sheet strictly first.
 */
const EXPLAINED: readonly { readonly reason: RegExp; readonly message: (word: string) => string; readonly hint: string }[] = [
  { reason: /^Unclosed block$/, message: () => 'this rule\'s "{" is never closed, so the rest of the sheet would be read as nested inside it', hint: 'Add the missing "}" where the rule ends.' },
  { reason: /^Unexpected }$/, message: () => 'this "}" closes no rule', hint: 'Remove it, or add the rule it was meant to close.' },
  { reason: /^Unknown word (.*)$/, message: (word) => `"${word}" is not a declaration (property: value;) nor a rule`, hint: 'Put a colon between the property and its value and end it with ";", or remove the word.' },
  { reason: /^Unclosed string$/, message: () => 'this quoted string is never closed', hint: 'Close it with the same quote mark it opens with.' },
  { reason: /^Unclosed comment$/, message: () => 'this comment is never closed', hint: 'Close it with "*/".' },
  { reason: /^Unclosed bracket$/, message: () => 'this "(" is never closed', hint: 'Close it with ")".' },
];

/** The first syntax error of a style sheet, at its line and column; nothing for a sheet that parses. */
export function styleSheetError(file: SourceFile): FactsheetsError | undefined {
  try {
    postcss.parse(file.text);
    return undefined;
  } catch (error) {
    if (!(error instanceof CssSyntaxError)) throw error;
    const known = EXPLAINED.map((entry) => ({ entry, match: entry.reason.exec(error.reason) })).find(({ match }) => match !== null);
    return new FactsheetsError(known === undefined ? `the style sheet cannot be read: ${error.reason}` : known.entry.message(known.match?.[1] ?? ''), {
      stage: 'render',
      file: file.displayPath,
      ...(error.line === undefined ? {} : { line: error.line }),
      ...(error.column === undefined ? {} : { column: error.column }),
      hint: known?.entry.hint ?? 'Fix the CSS there: a browser would drop or misread the rules that follow.',
    });
  }
}
