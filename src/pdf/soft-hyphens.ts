import { rewriteStreams, type DecodedPdf } from './rewrite.js';

/**
 * Chromium draws each soft hyphen a line does not break at as an invisible glyph marked
 * `/Span <</ActualText <feff00ad>>> BDC … EMC` (or inside a ligature's ActualText, `f­f`), so
 * every break point the build put in comes out of copy-paste and text extraction as U+00AD
 * inside the word. Where the line does break, the visible hyphen is a glyph of its own after
 * that span. Dropping U+00AD from those ActualText strings leaves the words whole, and a
 * line-end hyphen as the only trace of a break.
 */
const ACTUAL_TEXT = /\/ActualText\s*<(feff(?:[0-9a-f]{4})*)>/gi;

/** The PDF with its soft hyphens removed from the text layer, or as it was (see rewriteStreams). */
export function silenceSoftHyphens(bytes: Uint8Array): Uint8Array {
  return rewriteStreams(bytes, [softHyphenFix]);
}

/** The repair itself, for a rewrite with others. */
export function softHyphenFix(pdf: DecodedPdf): Map<number, string> {
  const changed = new Map<number, string>();
  for (const [number, content] of pdf.streams) {
    const silenced = content.replace(ACTUAL_TEXT, (match, hex: string) => {
      const kept = withoutSoftHyphens(hex);
      return kept === hex ? match : `/ActualText ${kept === 'feff' ? '()' : `<${kept}>`}`;
    });
    if (silenced !== content) changed.set(number, silenced);
  }
  return changed;
}

/** A UTF-16BE hex string without its U+00AD code units (a soft hyphen is never part of a surrogate pair). */
function withoutSoftHyphens(hex: string): string {
  return (hex.match(/[0-9a-f]{4}/gi) ?? []).filter((unit) => unit.toLowerCase() !== '00ad').join('');
}
