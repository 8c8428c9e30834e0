/**
 * What an SVG cannot do when a page shows it as an image (`<img>`, or `{{asset}}`): load
 * anything outside itself (the page loads nothing, so a linked bitmap or font just vanishes),
 * or print its `<text>` in the page's fonts (an SVG image cannot see them: it falls back to a
 * system font, or to none).
 */
export interface SvgImageProblems {
  /** The first reference to a file outside the SVG (`logo.png`, `https://…`), if any. */
  readonly external: string | undefined;
  /** Whether it has `<text>` elements. */
  readonly hasText: boolean;
}

// href, xlink:href and src attributes, url(…) in styles, and @import: a reference that is not
// to the SVG itself (#id) nor a data: URI.
const REFERENCES = [
  /\s(?:xlink:)?href\s*=\s*["']\s*([^"']*)["']/gi,
  /\ssrc\s*=\s*["']\s*([^"']*)["']/gi,
  /url\(\s*["']?\s*([^"')]*)["']?\s*\)/gi,
  /@import\s+["']([^"']*)["']/gi,
];

export function svgImageProblems(bytes: Uint8Array): SvgImageProblems {
  const text = Buffer.from(bytes)
    .toString('utf8')
    .replace(/<!--[\s\S]*?-->/g, '');
  let external: string | undefined;
  for (const pattern of REFERENCES) {
    for (const match of text.matchAll(pattern)) {
      const target = (match[1] ?? '').trim();
      if (target !== '' && !target.startsWith('#') && !/^data:/i.test(target)) {
        external ??= target;
      }
    }
  }
  return { external, hasText: /<text[\s>]/i.test(text) };
}

/** The warning for an SVG image with text: naming its file, or (where the warning is at the file) "this SVG". */
export function svgTextWarning(file?: string): string {
  return `${file ?? 'this SVG'} has <text>, which an SVG shown as an image prints in a fallback font (it cannot use the page's fonts): convert its text to outlines, or draw the SVG inline in the layout`;
}

/** The hint for an SVG image that refers to a file outside itself. */
export const SVG_EXTERNAL_HINT =
  'Embed what it refers to inside the SVG (a data: URI), or export the image as a PNG: a page loads nothing from outside.';
