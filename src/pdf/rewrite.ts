import { deflateSync, inflateSync } from 'node:zlib';
import {
  readCrossReference,
  readObject,
  scanCrossReference,
  writePdf,
  type CrossReference,
  type PdfObject,
} from './objects.js';
import { appendUpdate, fromLatin1, latin1 } from './update.js';

const NAME = 'the printed PDF';

/** A PDF's objects with their decoded streams (drawing instructions and CMaps; not fonts or images). */
export interface DecodedPdf {
  readonly objects: ReadonlyMap<number, PdfObject>;
  /** Decoded text of each flate stream that is not font data, an image or metadata. */
  readonly streams: ReadonlyMap<number, string>;
}

/** One repair of decoded streams: the new texts of the streams it changes (read `pdf.streams` for the latest). */
export type StreamFix = (pdf: DecodedPdf) => ReadonlyMap<number, string>;

/**
 * Applies stream repairs to a printed PDF, one after another, each seeing the previous ones'
 * results. Chromium numbers its objects 1…n, so its file is written anew with the changed
 * streams in place (an incremental update would keep a dead copy of each page's drawing); any
 * other file gets an update. Unchanged, the same bytes come back.
 */
export function rewriteStreams(bytes: Uint8Array, fixes: readonly StreamFix[]): Uint8Array {
  const text = latin1(bytes);
  const { offsets, trailer } = crossReference(text);
  const objects = new Map<number, PdfObject>();
  const streams = new Map<number, string>();
  for (const [number, offset] of offsets) {
    const object = readObject(text, bytes, number, offset, NAME);
    objects.set(number, object);
    const decoded = decodedStream(object);
    if (decoded !== undefined) streams.set(number, decoded);
  }
  const changedText = new Map<number, string>();
  for (const fix of fixes) {
    for (const [number, content] of fix({ objects, streams })) {
      streams.set(number, content);
      changedText.set(number, content);
    }
  }
  if (changedText.size === 0) return bytes;
  const changed = new Map<number, Required<PdfObject>>();
  for (const [number, content] of changedText) {
    const object = objects.get(number);
    if (object === undefined) continue;
    const stream = deflateSync(Buffer.from(content, 'latin1'));
    changed.set(number, {
      value: object.value.replace(/\/Length\s+\d+\b(?!\s+\d+\s+R)/, `/Length ${stream.byteLength}`),
      stream,
    });
  }
  const numbers = [...objects.keys()].sort((a, b) => a - b);
  if (numbers.every((number, index) => number === index + 1)) {
    const root = Number(trailer.root.split(' ')[0]);
    return writePdf(
      numbers.map((number) => changed.get(number) ?? objects.get(number) ?? { value: 'null' }),
      root,
      trailer.info,
    );
  }
  const updates = new Map(
    [...changed].map(([number, object]) => [number, `${object.value}\nstream\n${latin1(object.stream)}\nendstream`]),
  );
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

/** A stream's text if it is drawing instructions or a CMap, flate-compressed: not fonts, images or metadata. */
export function decodedStream(object: PdfObject): string | undefined {
  if (object.stream === undefined) return undefined;
  const dictionary = object.value;
  if (/\/Subtype\s*\/(?!Form\b)|\/Length[123]\b|\/Type\s*\/(?:Metadata|XRef|ObjStm)\b/.test(dictionary))
    return undefined;
  if (!/\/Filter\s*\/FlateDecode\b/.test(dictionary) || /\/DecodeParms\b/.test(dictionary)) return undefined;
  try {
    return inflateSync(object.stream).toString('latin1');
  } catch {
    return undefined;
  }
}
