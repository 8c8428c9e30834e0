import { deflateSync, inflateSync } from 'node:zlib';
import { readPdf, type PdfObject } from './objects.js';
import { appendUpdate, fromLatin1, latin1, readTrailer } from './update.js';

/**
 * Chromium draws each soft hyphen a line does not break at as an invisible glyph marked
 * `/Span <</ActualText <feff00ad>>> BDC … EMC` (or inside a ligature's ActualText, `f­f`), so
 * every break point the build put in comes out of copy-paste and text extraction as U+00AD
 * inside the word. Where the line does break, the visible hyphen is a glyph of its own after
 * that span. Dropping U+00AD from those ActualText strings leaves the words whole, and a
 * line-end hyphen as the only trace of a break.
 */
const ACTUAL_TEXT = /\/ActualText\s*<(feff(?:[0-9a-f]{4})*)>/gi;

/** The PDF with its soft hyphens removed from the text layer (an incremental update), or as it was. */
export function silenceSoftHyphens(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes);
  const objects = new Map<number, string>();
  for (const [number, object] of readPdf(bytes, 'the printed PDF').objects) {
    const content = contentStream(object);
    const silenced = content?.replace(ACTUAL_TEXT, (match, hex: string) => {
      const kept = withoutSoftHyphens(hex);
      return kept === hex ? match : `/ActualText ${kept === 'feff' ? '()' : `<${kept}>`}`;
    });
    if (silenced === undefined || silenced === content) continue;
    const data = deflateSync(Buffer.from(silenced, 'latin1'));
    const dictionary = object.value.replace(/\/Length\s+\d+\b(?!\s+\d+\s+R)/, `/Length ${data.byteLength}`);
    objects.set(number, `${dictionary}\nstream\n${data.toString('latin1')}\nendstream`);
  }
  return objects.size === 0 ? bytes : fromLatin1(appendUpdate(text, objects, undefined, readTrailer(text)));
}

/** A page's (or form's) drawing instructions, decompressed: not fonts, images or metadata. */
function contentStream(object: PdfObject): string | undefined {
  if (object.stream === undefined) return undefined;
  const dictionary = object.value;
  if (/\/Subtype\s*\/(?!Form\b)|\/Length[123]\b|\/Type\s*\/(?:Metadata|XRef|ObjStm)\b/.test(dictionary)) return undefined;
  if (!/\/Filter\s*\/FlateDecode\b/.test(dictionary) || /\/DecodeParms\b/.test(dictionary)) return undefined;
  try {
    return inflateSync(object.stream).toString('latin1');
  } catch {
    return undefined;
  }
}

/** A UTF-16BE hex string without its U+00AD code units (a soft hyphen is never part of a surrogate pair). */
function withoutSoftHyphens(hex: string): string {
  return (hex.match(/[0-9a-f]{4}/gi) ?? []).filter((unit) => unit.toLowerCase() !== '00ad').join('');
}
