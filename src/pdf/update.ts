import { readCrossReference, readObject, scanCrossReference, type CrossReference, type Trailer } from './objects.js';

export { fromLatin1, latin1, type Trailer } from './objects.js';

/** A PDF the browser printed (and this tool may have updated), read once for an update. */
export interface PrintedPdf {
  readonly text: string;
  readonly trailer: Trailer;
  /** Object numbers, in the order of their newest definitions in the file. */
  readonly numbers: readonly number[];
  /** The value of an object's newest definition (for a stream, its dictionary). */
  body(number: number): string | undefined;
}

export function readPrinted(text: string): PrintedPdf {
  const name = 'the printed PDF';
  let table: CrossReference;
  try {
    table = readCrossReference(text, name);
  } catch {
    table = scanCrossReference(text, name);
  }
  const { offsets, trailer } = table;
  // Each finishing step reads some objects many times (the structure tree): each is parsed once.
  const bodies = new Map<number, string>();
  return {
    text,
    trailer,
    numbers: [...offsets].sort(([, a], [, b]) => a - b).map(([number]) => number),
    body: (number) => {
      const known = bodies.get(number);
      if (known !== undefined) return known;
      const offset = offsets.get(number);
      if (offset === undefined) return undefined;
      const value = readObject(text, undefined, number, offset, name).value;
      bodies.set(number, value);
      return value;
    },
  };
}

export function readTrailer(text: string): Trailer {
  return readPrinted(text).trailer;
}

export function objectBody(text: string, number: number): string | undefined {
  return readPrinted(text).body(number);
}

/**
 * Appends an incremental update: new or replaced objects, one xref subsection each, and a
 * trailer that points back to the previous one (with the file identifier `id`, hex, if given).
 * Nothing before it changes, so everything the update does not replace (tags, outline, fonts)
 * stays exactly as it was.
 */
export function appendUpdate(
  text: string,
  objects: ReadonlyMap<number, string>,
  info?: number,
  trailer: Trailer = readTrailer(text),
  id?: string,
): string {
  let output = text.endsWith('\n') ? text : `${text}\n`;
  const offsets = new Map<number, number>();
  for (const [number, body] of [...objects].sort(([a], [b]) => a - b)) {
    offsets.set(number, Buffer.byteLength(output, 'latin1'));
    output += `${number} 0 obj\n${body}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(output, 'latin1');
  const size = [...objects.keys()].reduce((largest, number) => Math.max(largest, number + 1), trailer.size);
  const infoEntry = info ?? trailer.info;
  output +=
    `xref\n${[...offsets].map(([number, offset]) => `${number} 1\n${String(offset).padStart(10, '0')} 00000 n \n`).join('')}` +
    `trailer\n<</Size ${size}\n/Root ${trailer.root}${infoEntry === undefined ? '' : `\n/Info ${infoEntry} 0 R`}${id === undefined ? '' : `\n/ID [<${id}> <${id}>]`}\n/Prev ${trailer.startxref}>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  return output;
}
