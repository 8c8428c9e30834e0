import { FactsheetsError } from '../errors.js';

/** What a PDF's last trailer says. */
export interface Trailer {
  readonly size: number;
  readonly root: string;
  readonly info: number | undefined;
  readonly startxref: number;
}

/** Reads the last classic trailer (`trailer << … >> startxref N %%EOF`): after updates there are several. */
export function readTrailer(text: string): Trailer {
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(text.slice(text.lastIndexOf('trailer')));
  const size = Number(/\/Size (\d+)/.exec(trailer?.[1] ?? '')?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(trailer?.[1] ?? '')?.[1];
  const info = /\/Info (\d+) \d+ R/.exec(trailer?.[1] ?? '')?.[1];
  if (trailer === null || !Number.isInteger(size) || root === undefined) {
    throw new FactsheetsError('the printed PDF has no cross-reference trailer to update', { stage: 'finish' });
  }
  return { size, root, info: info === undefined ? undefined : Number(info), startxref: Number(trailer[2]) };
}

/** The text of object `number`'s latest definition (`N 0 obj … endobj`), for objects without streams. */
export function objectBody(text: string, number: number): string | undefined {
  let found: string | undefined;
  for (const match of text.matchAll(new RegExp(`(?:^|\\n)${number} 0 obj\\s*([\\s\\S]*?)\\s*endobj`, 'g'))) found = match[1];
  return found;
}

/**
 * Appends an incremental update: new or replaced objects, one xref subsection each, and a
 * trailer that points back to the previous one. Nothing before it changes, so everything the
 * update does not replace (tags, outline, fonts) stays exactly as it was.
 */
export function appendUpdate(text: string, objects: ReadonlyMap<number, string>, info?: number): string {
  const trailer = readTrailer(text);
  let output = text.endsWith('\n') ? text : `${text}\n`;
  const offsets = new Map<number, number>();
  for (const [number, body] of [...objects].sort(([a], [b]) => a - b)) {
    offsets.set(number, Buffer.byteLength(output, 'latin1'));
    output += `${number} 0 obj\n${body}\nendobj\n`;
  }
  const xrefOffset = Buffer.byteLength(output, 'latin1');
  const size = Math.max(trailer.size, ...[...objects.keys()].map((number) => number + 1));
  const infoEntry = info ?? trailer.info;
  output +=
    `xref\n${[...offsets].map(([number, offset]) => `${number} 1\n${String(offset).padStart(10, '0')} 00000 n \n`).join('')}` +
    `trailer\n<</Size ${size}\n/Root ${trailer.root}${infoEntry === undefined ? '' : `\n/Info ${infoEntry} 0 R`}\n/Prev ${trailer.startxref}>>\n` +
    `startxref\n${xrefOffset}\n%%EOF\n`;
  return output;
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function fromLatin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}
