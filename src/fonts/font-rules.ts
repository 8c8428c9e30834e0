/**
 * The font declarations of a style sheet, as designers write them: `@font-face` rules, and
 * `@import` of an installed font package's CSS (`@import '@fontsource/inter/400.css';`).
 * Pure text work; embed.ts reads the files they point at.
 */

/** One `@font-face` rule: its descriptors and where it is written. */
export interface FontFaceRule {
  readonly family: string;
  readonly weight: string;
  readonly style: string;
  /** `U+0600-06FF,U+FB50-FDFF` as written, or undefined (every character). */
  readonly unicodeRange: string | undefined;
  /** The `src` URLs in the order written, with their `format()` if any. */
  readonly sources: readonly { readonly url: string; readonly format: string | undefined }[];
  readonly line: number;
}

export interface PackageImport {
  /** `@fontsource/inter/400.css` */
  readonly specifier: string;
  readonly line: number;
}

const FONT_FACE = /@font-face\s*\{([^}]*)\}/g;
/** `@import '@scope/name/file.css';` or `@import url("name/file.css");`, naming a package (not a relative path). */
const PACKAGE_IMPORT = /@import\s+(?:url\(\s*)?(['"])((?:@[\w.-]+\/)?[\w.-]+\/[^'"]+\.css)\1\s*\)?[^;]*;/g;

export function fontFaceRules(css: string): FontFaceRule[] {
  return [...withoutComments(css).matchAll(FONT_FACE)].map((match) => {
    const body = match[1] ?? '';
    const descriptor = (name: string): string | undefined =>
      new RegExp(`(?:^|[;\\s])${name}\\s*:\\s*([^;]+)`, 'i').exec(body)?.[1]?.trim();
    const src = /(?:^|[;\s])src\s*:\s*((?:url\([^)]*\)|[^;])+)/i.exec(body)?.[1] ?? '';
    return {
      family: unquote(descriptor('font-family') ?? ''),
      weight: descriptor('font-weight') ?? '400',
      style: descriptor('font-style') ?? 'normal',
      unicodeRange: descriptor('unicode-range'),
      sources: [...src.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)(?:\s*format\(\s*['"]?([\w-]+)['"]?\s*\))?/g)].map(
        (source) => ({
          url: source[2] ?? '',
          format: source[3],
        }),
      ),
      line: lineAt(css, match.index),
    };
  });
}

export function packageImports(css: string): PackageImport[] {
  return [...withoutComments(css).matchAll(PACKAGE_IMPORT)].map((match) => ({
    specifier: match[2] ?? '',
    line: lineAt(css, match.index),
  }));
}

/** The style sheet without its font declarations (they go into the page's fonts element, inlined). */
export function withoutFontDeclarations(css: string): string {
  const blanked = withoutComments(css);
  const cuts = [...blanked.matchAll(FONT_FACE), ...blanked.matchAll(PACKAGE_IMPORT)].map(
    (match) => [match.index, match.index + match[0].length] as const,
  );
  if (cuts.length === 0) return css;
  cuts.sort((a, b) => a[0] - b[0]);
  let kept = '';
  let from = 0;
  for (const [start, end] of cuts) {
    kept += css.slice(from, start);
    from = end;
  }
  return kept + css.slice(from);
}

/** Does a unicode-range (`U+0600-06FF, U+20??`) include a code point? Undefined includes all. */
export function rangeIncludes(range: string | undefined): (code: number) => boolean {
  if (range === undefined) return () => true;
  const spans = range.split(',').map((part) => {
    const [start = '', end] = part.trim().replace(/^u\+/i, '').split('-');
    if (end === undefined && start.includes('?'))
      return [parseInt(start.replace(/\?/g, '0'), 16), parseInt(start.replace(/\?/g, 'F'), 16)] as const;
    return [parseInt(start, 16), parseInt(end ?? start, 16)] as const;
  });
  return (code) => spans.some(([start, end]) => code >= start && code <= end);
}

/** Comments blanked to spaces of the same length, so that offsets (and lines) stay where they were. */
function withoutComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function unquote(value: string): string {
  return value.replace(/^(['"])(.*)\1$/, '$2').trim();
}

function lineAt(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}
