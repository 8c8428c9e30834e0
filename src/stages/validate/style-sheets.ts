import knownCss from 'known-css-properties';
import postcss, { CssSyntaxError, type Root } from 'postcss';
import { FactsheetsError } from '../../errors.js';
import type { SourceFile } from '../../model/documents.js';
import { closestName } from './closest-name.js';

/**
 * What each of PostCSS's syntax errors means to a designer, and what to do. A browser reads a
 * broken sheet without a word (a missing `}` makes the rest of the sheet a nested rule, and the
 * page silently loses its styling), so the build reads each sheet strictly first.
 */
const EXPLAINED: readonly {
  readonly reason: RegExp;
  readonly message: (word: string) => string;
  readonly hint: string;
}[] = [
  {
    reason: /^Unclosed block$/,
    message: () => 'this rule\'s "{" is never closed, so the rest of the sheet would be read as nested inside it',
    hint: 'Add the missing "}" where the rule ends.',
  },
  {
    reason: /^Unexpected }$/,
    message: () => 'this "}" closes no rule',
    hint: 'Remove it, or add the rule it was meant to close.',
  },
  {
    reason: /^Unknown word (.*)$/,
    message: (word) => `"${word}" is not a declaration (property: value;) nor a rule`,
    hint: 'Put a colon between the property and its value and end it with ";", or remove the word.',
  },
  {
    reason: /^Unclosed string$/,
    message: () => 'this quoted string is never closed',
    hint: 'Close it with the same quote mark it opens with.',
  },
  { reason: /^Unclosed comment$/, message: () => 'this comment is never closed', hint: 'Close it with "*/".' },
  { reason: /^Unclosed bracket$/, message: () => 'this "(" is never closed', hint: 'Close it with ")".' },
];

/** The first problem of a style sheet, at its line and column; nothing for a sheet a browser reads as written. */
export function styleSheetError(file: SourceFile): FactsheetsError | undefined {
  let root: Root;
  try {
    root = postcss.parse(file.text);
  } catch (error) {
    if (!(error instanceof CssSyntaxError)) throw error;
    const known = EXPLAINED.map((entry) => ({ entry, match: entry.reason.exec(error.reason) })).find(
      ({ match }) => match !== null,
    );
    return sheetError(
      file,
      known === undefined
        ? `the style sheet cannot be read: ${error.reason}`
        : known.entry.message(known.match?.[1] ?? ''),
      error,
      known?.entry.hint ?? 'Fix the CSS there: a browser would drop or misread the rules that follow.',
    );
  }
  return misspelt(file, root);
}

/**
 * CSS properties (the list stylelint keeps, from the browsers' own) and `@page` descriptors it
 * lacks. A name that is none of them is reported only when it is a near miss of one: a
 * browser drops it without a word, and a property newer than the list must not fail a build.
 */
const PROPERTIES: readonly string[] = [...knownCss.all, 'bleed'];
const PROPERTY_SET: ReadonlySet<string> = new Set(PROPERTIES);

/** Every at-rule a browser reads, page-margin boxes and @font-feature-values' blocks included: any other is dropped whole. */
const AT_RULES: ReadonlySet<string> = new Set([
  'media',
  'page',
  'font-face',
  'import',
  'supports',
  'layer',
  'container',
  'keyframes',
  'namespace',
  'charset',
  'counter-style',
  'property',
  'font-feature-values',
  'font-palette-values',
  'scope',
  'starting-style',
  'view-transition',
  'position-try',
  'swash',
  'annotation',
  'ornaments',
  'stylistic',
  'styleset',
  'character-variant',
  ...['top', 'bottom'].flatMap((edge) => [
    `${edge}-left-corner`,
    `${edge}-left`,
    `${edge}-center`,
    `${edge}-right`,
    `${edge}-right-corner`,
  ]),
  ...['left', 'right'].flatMap((edge) => [`${edge}-top`, `${edge}-middle`, `${edge}-bottom`]),
]);

function misspelt(file: SourceFile, root: Root): FactsheetsError | undefined {
  let found: FactsheetsError | undefined;
  root.walk((node) => {
    if (found !== undefined) return false;
    if (node.type === 'atrule') {
      const name = node.name.toLowerCase();
      if (!AT_RULES.has(name) && !name.startsWith('-')) {
        const near = closestName(name, [...AT_RULES]);
        found = sheetError(
          file,
          `@${node.name} is not a CSS at-rule${near === undefined ? '' : ` (did you mean @${near}?)`}: a browser drops it and everything inside it`,
          node.source?.start,
          near === undefined ? 'Remove it, or write the at-rule you meant.' : `Write @${near}.`,
        );
      }
    } else if (node.type === 'decl') {
      const name = node.prop.toLowerCase();
      if (!name.startsWith('-') && !PROPERTY_SET.has(name)) {
        const near = closestName(name, PROPERTIES);
        if (near !== undefined) {
          found = sheetError(
            file,
            `"${node.prop}" is not a CSS property (did you mean "${near}"?): a browser drops the declaration`,
            node.source?.start,
            `Write ${near}: ${node.value};`,
          );
        }
      }
    }
    return undefined;
  });
  return found;
}

function sheetError(
  file: SourceFile,
  message: string,
  at: { readonly line?: number | undefined; readonly column?: number | undefined } | undefined,
  hint: string,
): FactsheetsError {
  return new FactsheetsError(message, {
    stage: 'render',
    file: file.displayPath,
    ...(at?.line === undefined ? {} : { line: at.line }),
    ...(at?.column === undefined ? {} : { column: at.column }),
    hint,
  });
}
