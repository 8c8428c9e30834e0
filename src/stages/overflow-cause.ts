import postcss from 'postcss';
import { FactsheetsError } from '../errors.js';
import type { FitOutcome, LayoutElement, TallColumn, TooWide, WideningRule } from '../model/fit.js';
import type { LoadedTemplates } from '../model/sources.js';
import type { RenderJob, SourceFile } from '../model/documents.js';

/**
 * Whose the overflow is, for the errors of finish.ts: a page too long because a column that is
 * not the prose sets its height is the layout's (named at the layout's element), content too wide
 * because of a style rule is the style sheet's (at the rule's line), and content too wide by
 * itself is the Markdown's (at its line). What the page measured is in browser/measure.ts.
 */

/** `<aside class="data-panel" data-fit-beside>`: an element as a designer wrote it. */
export function describeElement(element: LayoutElement): string {
  const classes = element.classes.length === 0 ? '' : ` class="${element.classes.join(' ')}"`;
  return `<${element.tag}${classes}${element.roles.map((role) => ` ${role}`).join('')}>`;
}

/** The line of the layout where the element's opening tag is written (its tag, with its classes), if it is there. */
export function elementLine(layout: SourceFile, element: LayoutElement): number | undefined {
  for (const match of layout.text.matchAll(new RegExp(`<${element.tag}\\b[^>]*>`, 'g'))) {
    const classes = /\bclass="([^"]*)"/.exec(match[0])?.[1]?.split(/\s+/) ?? [];
    const roles = element.roles.every((role) => match[0].includes(` ${role}`));
    if (
      roles &&
      element.classes.every((name) => classes.some((word) => word === name || word.startsWith(`${name}{{`)))
    ) {
      return layout.text.slice(0, match.index).split('\n').length;
    }
  }
  return undefined;
}

/** The layout file and line of a column, as `templates/layouts/one-pager.hbs:51`. */
function placeInLayout(job: RenderJob, element: LayoutElement, templates: LoadedTemplates | undefined): string {
  const layout = templates?.layouts.get(job.layout);
  if (layout === undefined) return `templates/layouts/${job.layout}.hbs`;
  const line = elementLine(layout, element);
  return line === undefined ? layout.displayPath : `${layout.displayPath}:${line}`;
}

/**
 * The overflow of a page whose height a column other than the prose sets (a sidebar too long):
 * named at the layout, with how much taller it is than the column beside it and how much
 * shorter it must get; cutting the prose beside it would free nothing.
 */
export function tallColumnError(
  job: RenderJob,
  fit: FitOutcome & { tallColumn: TallColumn },
  opening: string,
  templates: LoadedTemplates | undefined,
): FactsheetsError {
  const { column, beside, tallerMm } = fit.tallColumn;
  const over = Math.max(1, Math.ceil(-fit.roomMm));
  const taller = Math.round(tallerMm);
  const hint =
    taller >= over
      ? `Make that column at least ${over} mm shorter (less in it, or smaller type or more width for it in the layout's style sheet); cutting the prose beside it would not help.`
      : `Make that column up to ${taller} mm shorter (the height of the ${describeElement(beside)} beside it); the page needs ${over - taller} mm more from the summary or the layout: cutting the prose beside it would not help.`;
  return new FactsheetsError(
    `${opening}, overflowing by ${over} mm: its height is set by the ${describeElement(column)} of ${placeInLayout(job, column, templates)}, ${taller} mm taller than the ${describeElement(beside)} beside it`,
    { stage: 'finish', file: job.document.source.displayPath, document: job.document.name, hint },
  );
}

/**
 * Content wider than the page, at its cause: the style rule that widened it (at the style
 * sheet's line), else the Markdown that holds it (at its line), else the document.
 */
export function tooWideError(
  job: RenderJob,
  tooWide: TooWide,
  templates: LoadedTemplates | undefined,
): FactsheetsError {
  const { what, widthMm, roomMm, rule, sample } = tooWide;
  const document = { stage: 'finish' as const, document: job.document.name };
  const measured = `is wider than its page: ${what} is ${widthMm} mm wide where ${roomMm} mm fit`;
  const shrink = 'Chromium would shrink the whole document to fit it';
  if (rule !== undefined) {
    const at = templates === undefined ? undefined : ruleAt(layoutSheets(job.layout, templates), rule);
    return new FactsheetsError(
      `${measured}, made so by the style rule "${rule.selector} { ${rule.property}: ${rule.value} }" on its ${describeElement(rule.element)}, and ${shrink}`,
      {
        ...document,
        ...(at ?? { file: job.document.source.displayPath }),
        hint:
          rule.property === 'white-space'
            ? `Let the text wrap: remove "white-space: ${rule.value}" from that rule, or keep it for short text only; nothing on a page is scaled to fit.`
            : `Give it a width the page holds (at most ${roomMm} mm, or a share such as 100%); nothing on a page is scaled to fit.`,
      },
    );
  }
  const line = sample === undefined ? undefined : markdownPlace(job.document.body, sample);
  return new FactsheetsError(`${measured}, and ${shrink}`, {
    ...document,
    file: job.document.source.displayPath,
    ...(line ?? {}),
    hint:
      line === undefined || sample === undefined
        ? 'Make it narrower: fewer columns in a Markdown table, shorter words, a smaller image; nothing on a page is scaled to fit.'
        : CONTENT_HINTS[sample.kind](sample.text),
  });
}

const CONTENT_HINTS: Record<NonNullable<TooWide['sample']>['kind'], (text: string) => string> = {
  table: () => 'Give this Markdown table fewer columns, or split it in two; nothing on a page is scaled to fit.',
  image: () => 'Use a narrower image here; nothing on a page is scaled to fit.',
  code: () => 'Shorten the lines of this code block; nothing on a page is scaled to fit.',
  word: (word) =>
    `Break "${word.length > 40 ? `${word.slice(0, 39)}…` : word}" with spaces or hyphens (a web address can be a link with a few words: [text](address)); nothing on a page is scaled to fit.`,
};

/** Where the Markdown body holds what the page found too wide: the table's row, the image, the code's line or the word. */
export function markdownPlace(
  body: string,
  sample: NonNullable<TooWide['sample']>,
): { line: number; column: number } | undefined {
  const lines = body.split('\n');
  for (const [index, text] of lines.entries()) {
    const found =
      sample.kind === 'table'
        ? text.trimStart().startsWith('|') && text.includes(sample.text)
          ? text.indexOf('|')
          : -1
        : sample.kind === 'image'
          ? text.indexOf(`![${sample.text}`)
          : text.indexOf(sample.text);
    if (found >= 0) return { line: index + 1, column: found + 1 };
  }
  return undefined;
}

/** The style sheets a layout gets (the shared ones and its own), as the page has them. */
function layoutSheets(layout: string, templates: LoadedTemplates): SourceFile[] {
  return [...templates.styles]
    .filter(([name]) => name === layout || !templates.layouts.has(name))
    .map(([, file]) => file);
}

/** A selector as the CSSOM and postcss both give it, compared without spaces and quotes. */
const normalSelector = (selector: string): string => selector.replace(/["'\s]/g, '').toLowerCase();

/** The file, line and column of the declaration a page's style rule matched, found in the style sheets (the last that matches, as in the cascade). */
export function ruleAt(
  sheets: readonly SourceFile[],
  rule: WideningRule,
): { file: string; line: number; column: number } | undefined {
  let found: { file: string; line: number; column: number } | undefined;
  for (const sheet of sheets) {
    let parsed: postcss.Root;
    try {
      parsed = postcss.parse(sheet.text, { from: undefined });
    } catch {
      continue; // A broken sheet is reported by validation, at its own line.
    }
    parsed.walkRules((each) => {
      if (normalSelector(each.selector) !== normalSelector(rule.selector)) return;
      each.walkDecls(rule.property, (declaration) => {
        const start = declaration.source?.start;
        if (start !== undefined) found = { file: sheet.displayPath, line: start.line, column: start.column };
      });
    });
  }
  return found;
}
