import { FactsheetsError } from '../../../errors.js';
import type { SourceFile } from '../../../model/documents.js';

/** An `<img>` or `<svg>` in a template that says neither what it shows nor that it is decoration. */
export interface UndescribedImage {
  readonly tag: 'img' | 'svg';
  /** 1-based, where its `<` is. */
  readonly line: number;
  readonly column: number;
}

/** Stands for each character of a Handlebars expression or comment, so that offsets stay and no `>` or quote inside one counts. */
const HIDDEN = '\u0001';
const EXPRESSIONS = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}/g;
const HTML_COMMENTS = /<!--[\s\S]*?-->/g;
const IMAGE_TAGS = /<(img|svg)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const ATTRIBUTES = /([^\s=/"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g;

/**
 * The images in a layout or partial that a screen reader could not describe: an `<img>`
 * without `alt` (`alt=""` marks it decorative), an `<svg>` without `aria-label`,
 * `aria-labelledby` or a `<title>`; either is fine hidden with `aria-hidden="true"` or
 * `role="presentation"`. Found in the template's text, before Chromium would print a Figure
 * without alternative text that only the PDF check would catch, far from its line. A tag
 * whose attributes a Handlebars expression writes (`<img {{attributes}}>`) cannot be judged
 * here and is left to that check.
 */
export function undescribedImages(text: string): UndescribedImage[] {
  const hide = (match: string): string => match.replace(/[^\n]/g, HIDDEN);
  const markup = text.replace(EXPRESSIONS, hide).replace(HTML_COMMENTS, hide);
  const found: UndescribedImage[] = [];
  for (const match of markup.matchAll(IMAGE_TAGS)) {
    const tag = (match[1] ?? '').toLowerCase() as 'img' | 'svg';
    const inside = match[2] ?? '';
    if (inside.replace(/"[^"]*"|'[^']*'/g, '').includes(HIDDEN)) continue;
    const attributes = attributesOf(inside);
    if (described(tag, attributes, tag === 'svg' ? svgBody(markup, match.index + match[0].length, inside) : ''))
      continue;
    const before = text.slice(0, match.index);
    const lineStart = before.lastIndexOf('\n') + 1;
    found.push({ tag, line: before.split('\n').length, column: match.index - lineStart + 1 });
  }
  return found;
}

/** A template's first undescribed image as an error at its line and column; nothing when every image is described. */
export function undescribedImageError(file: SourceFile): FactsheetsError | undefined {
  const [first] = undescribedImages(file.text);
  if (first === undefined) return undefined;
  const at = { stage: 'render' as const, file: file.displayPath, line: first.line, column: first.column };
  if (first.tag === 'img') {
    return new FactsheetsError('<img> has no alt text', {
      ...at,
      hint: 'Describe it with alt="…", or mark it decorative with alt="".',
    });
  }
  return new FactsheetsError('<svg> has no accessible name', {
    ...at,
    hint: 'Name it with role="img" and aria-label="…" (or a <title> inside it), or hide a decorative one with aria-hidden="true".',
  });
}

function attributesOf(inside: string): Map<string, string | undefined> {
  const attributes = new Map<string, string | undefined>();
  for (const [, name = '', value] of inside.matchAll(ATTRIBUTES)) {
    attributes.set(name.toLowerCase(), value?.replace(/^["']|["']$/g, ''));
  }
  return attributes;
}

function described(tag: 'img' | 'svg', attributes: ReadonlyMap<string, string | undefined>, svgBody: string): boolean {
  const filled = (name: string): boolean => (attributes.get(name) ?? '').trim() !== '';
  if (attributes.get('aria-hidden')?.trim().toLowerCase() === 'true') return true;
  if (/^(presentation|none)$/i.test(attributes.get('role')?.trim() ?? '')) return true;
  if (filled('aria-label') || filled('aria-labelledby')) return true;
  if (tag === 'img') return attributes.has('alt');
  return /<title\b[^>]*>(?!\s*<\/title>)/i.test(svgBody);
}

/** What an `<svg>` holds, up to its `</svg>` (nothing for a self-closed one). */
function svgBody(markup: string, from: number, inside: string): string {
  if (inside.trimEnd().endsWith('/')) return '';
  const end = markup.toLowerCase().indexOf('</svg', from);
  return markup.slice(from, end === -1 ? undefined : end);
}
