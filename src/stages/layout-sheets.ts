import { OncePerBuild } from '../once-per-build.js';
import type { LoadedTemplates } from '../model/sources.js';
import type { SourceFile } from '../model/documents.js';

/** A literal `data-…="words"` a layout declares, and where its value starts (1-based). */
export interface LayoutDeclaration {
  readonly words: readonly string[];
  /** The value as written: one made by Handlebars (`{{…}}`) cannot be read before rendering. */
  readonly literal: boolean;
  readonly line: number;
  readonly column: number;
  /** Each word's column, in order. */
  readonly columns: readonly number[];
}

const COMMENTS = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|<!--[\s\S]*?-->/g;

/**
 * The first `attribute="…"` of a layout's text (`data-fit-steps="compact dense"`), read from
 * the text as the designer wrote it (no Handlebars needed: the plan and the hashes read it
 * before any template is compiled). A commented-out one does not count.
 */
export function layoutDeclaration(text: string, attribute: string): LayoutDeclaration | undefined {
  const markup = text.replace(COMMENTS, (comment) => comment.replace(/[^\n]/g, ' '));
  const match = new RegExp(`(?<![\\w-])${attribute}="([^"]*)"`).exec(markup);
  if (match === null) return undefined;
  const value = match[1] ?? '';
  const valueAt = match.index + attribute.length + 2;
  const before = text.slice(0, valueAt);
  const line = before.split('\n').length;
  const lineStart = before.lastIndexOf('\n') + 1;
  const words: string[] = [];
  const columns: number[] = [];
  for (const word of value.matchAll(/\S+/g)) {
    words.push(word[0]);
    columns.push(valueAt + word.index - lineStart + 1);
  }
  return { words, literal: !value.includes('{{'), line, column: columns[0] ?? valueAt - lineStart + 1, columns };
}

/** The attribute with which a layout names its style sheets, in order: `data-style-sheets="base.css brief.css"`. */
export const STYLE_SHEETS_ATTRIBUTE = 'data-style-sheets';

/** The style sheets a layout gets, in cascade order, and those it names that the templates lack. */
export interface LayoutSheets {
  readonly sheets: readonly (readonly [string, SourceFile])[];
  /** Sheets it declares that are not in styles/, with where their names are written. */
  readonly missing: readonly { readonly name: string; readonly line: number; readonly column: number }[];
  /** Its declaration, when it makes one. */
  readonly declaration: LayoutDeclaration | undefined;
}

const sheetsByTemplates = new OncePerBuild<LoadedTemplates, LayoutSheets>();

/**
 * The style sheets of a layout: those its `data-style-sheets` names, in that order; without a
 * declaration, every shared sheet (a name that is no layout's, e.g. base.css), then its own
 * `<layout>.css`. Once per layout and build (every job's hash asks).
 */
export function layoutSheets(layout: string, templates: LoadedTemplates): LayoutSheets {
  return sheetsByTemplates.get(templates, layout, () => {
    const file = templates.layouts.get(layout);
    const declaration = file === undefined ? undefined : layoutDeclaration(file.text, STYLE_SHEETS_ATTRIBUTE);
    const found = declaration === undefined ? defaultSheets(layout, templates) : declaredSheets(declaration, templates);
    return { ...found, declaration };
  });
}

function defaultSheets(layout: string, templates: LoadedTemplates): Omit<LayoutSheets, 'declaration'> {
  const shared = [...templates.styles].filter(([name]) => name !== layout && !templates.layouts.has(name));
  const own = templates.styles.get(layout);
  return { sheets: [...shared, ...(own === undefined ? [] : [[layout, own] as const])], missing: [] };
}

function declaredSheets(declaration: LayoutDeclaration, templates: LoadedTemplates): Omit<LayoutSheets, 'declaration'> {
  const sheets: (readonly [string, SourceFile])[] = [];
  const missing: LayoutSheets['missing'][number][] = [];
  for (const [index, word] of declaration.words.entries()) {
    const name = word.replace(/\.css$/i, '');
    const file = templates.styles.get(name);
    if (file === undefined)
      missing.push({ name: word, line: declaration.line, column: declaration.columns[index] ?? declaration.column });
    else if (!sheets.some(([known]) => known === name)) sheets.push([name, file]);
  }
  return { sheets, missing };
}

/**
 * Where a layout's style sheets set the type size of an element the page names (`text.bar-chart__label`):
 * the last rule, in the order the sheets apply, whose selector has the element's last class and that
 * sets `font-size` (or `font`): the one the cascade most likely took. Else the sheet that sizes the page. Text too small is the designer's to fix, not the writer's.
 */
export function typeSizeRuleOf(
  where: string,
  layout: string,
  templates: LoadedTemplates,
): { readonly file: string; readonly line?: number } {
  const className = /\.([\w-]+)(?!.*\.[\w-])/.exec(where)?.[1];
  let found: { readonly file: string; readonly line: number } | undefined;
  if (className !== undefined) {
    const selector = new RegExp(`\\.${className.replace(/[-]/g, '\\-')}(?![\\w-])[^{}]*\\{([^}]*)\\}`, 'g');
    for (const [, sheet] of layoutSheets(layout, templates).sheets) {
      for (const match of sheet.text.matchAll(selector)) {
        if (!/(^|[;\s{])font(-size)?\s*:/.test(match[1] ?? '')) continue;
        found = { file: sheet.displayPath, line: sheet.text.slice(0, match.index).split('\n').length };
      }
    }
  }
  return found ?? { file: pageSheetOf(layout, templates) };
}

/**
 * The file to fix for a layout's page size, as errors name it: the last sheet it names with an
 * @page rule; by default its own `<layout>.css`; else the layout file.
 */
export function pageSheetOf(layout: string, templates: LoadedTemplates): string {
  const { sheets, declaration } = layoutSheets(layout, templates);
  const sizing =
    declaration === undefined
      ? templates.styles.get(layout)
      : [...sheets].reverse().find(([, file]) => /@page\b/i.test(file.text))?.[1];
  return sizing?.displayPath ?? templates.layouts.get(layout)?.displayPath ?? `templates/layouts/${layout}.hbs`;
}
