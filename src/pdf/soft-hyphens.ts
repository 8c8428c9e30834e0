import { deflateSync, inflateSync } from 'node:zlib';
import { readCrossReference, readObject, scanCrossReference, writePdf, type CrossReference, type PdfObject } from './objects.js';
import { appendUpdate, fromLatin1, latin1 } from './update.js';

const NAME = 'the printed PDF';

/**
 * Chromium draws each soft hyphen a line does not break at as an invisible glyph marked
 * `/Span <</ActualText <feff00ad>>> BDC … EMC` (or inside a ligature's ActualText, `f­f`), so
 * every break point the build put in comes out of copy-paste and text extraction as U+00AD
 * inside the word. Where the line does break, the visible hyphen is a glyph of its own after
 * that span. Dropping U+00AD from those ActualText strings leaves the words whole, and a
 * line-end hyphen as the only trace of a break.
 */
const ACTUAL_TEXT = /\/ActualText\s*<(feff(?:[0-9a-f]{4})*)>/gi;

/**
 * The PDF with its soft hyphens removed from the text layer, or as it was. Chromium numbers its
 * objects 1…n, so its file is written anew with the changed streams in place (an incremental
 * update would keep a dead copy of each page's drawing); any other file gets an update.
 */
export function silenceSoftHyphens(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes);
  const { offsets, trailer } = crossReference(text);
  const changed = new Map<number, Required<PdfObject>>();
  const objects = new Map<number, PdfObject>();
  for (const [number, offset] of offsets) {
    const object = readObject(text, bytes, number, offset, NAME);
    objects.set(number, object);
    const content = contentStream(object);
    const silenced = content?.replace(ACTUAL_TEXT, (match, hex: string) => {
      const kept = withoutSoftHyphens(hex);
      return kept === hex ? match : `/ActualText ${kept === 'feff' ? '()' : `<${kept}>`}`;
    });
    if (silenced === undefined || silenced === content) continue;
    const stream = deflateSync(Buffer.from(silenced, 'latin1'));
    changed.set(number, { value: object.value.replace(/\/Length\s+\d+\b(?!\s+\d+\s+R)/, `/Length ${stream.byteLength}`), stream });
  }
  if (changed.size === 0) return bytes;
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  if (numbers.every((number, index) => number === index + 1)) {
    const root = Number(trailer.root.split(' ')[0]);
    return writePdf(numbers.map((number) => changed.get(number) ?? objects.get(number) ?? { value: 'null' }), root, trailer.info);
  }
  const updates = new Map([...changed].map(([number, object]) => [number, `${object.value}\nstream\n${latin1(object.stream)}\nendstream`]));
  return fromLatin1(appendUpdate(text, updates, undefined, trailer));
}

/** The newest definition of each object, recovering (as the other finishing steps do) from a table that points wrong. */
function crossReference(text: string): CrossReference {
  try {
    return readCrossReference(text, NAME);
  } catch {
    return scanCrossReference(text, NAME);
  }
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
