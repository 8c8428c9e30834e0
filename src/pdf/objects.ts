import { FactsheetsError } from '../errors.js';

/** One indirect object: its value as PDF text and, for a stream, the raw (still encoded) data. */
export interface PdfObject {
  readonly value: string;
  readonly stream?: Uint8Array;
}

/** A PDF's objects in their latest definitions, and its catalog's number. */
export interface PdfFile {
  readonly objects: ReadonlyMap<number, PdfObject>;
  readonly root: number;
  /** The Info dictionary's object, and the file identifier's first half (hex), as the newest trailer says. */
  readonly info?: number | undefined;
  readonly id?: string | undefined;
}

/** What a PDF's newest trailer says. */
export interface Trailer {
  readonly size: number;
  /** The catalog, as a reference (`1 0 R`). */
  readonly root: string;
  readonly info: number | undefined;
  /** The first half of `/ID`, in hex, if the trailer has one. */
  readonly id?: string | undefined;
  /** Where the newest cross-reference table starts: the `/Prev` of an update appended to it. */
  readonly startxref: number;
}

/** Where each object's newest definition starts, and the newest trailer. */
export interface CrossReference {
  readonly offsets: ReadonlyMap<number, number>;
  readonly trailer: Trailer;
}

/** A PDF's bytes as text, one character per byte: offsets in the text are offsets in the file. */
export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function fromLatin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/**
 * Reads a PDF with classic cross-reference tables, as Chromium writes it and as our own
 * incremental updates extend it: the newest definition of each object wins. Enough PDF for
 * the files this tool makes; anything else is refused with the file's name.
 */
export function readPdf(bytes: Uint8Array, name: string): PdfFile {
  const text = latin1(bytes);
  const { offsets, trailer } = readCrossReference(text, name);
  const objects = new Map<number, PdfObject>();
  for (const [number, offset] of offsets) objects.set(number, readObject(text, bytes, number, offset, name));
  return { objects, root: Number(trailer.root.split(' ')[0]), info: trailer.info, id: trailer.id };
}

/** The cross-reference tables, newest first along the `/Prev` chain. */
export function readCrossReference(text: string, name: string): CrossReference {
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (startxref === null) unreadable(name, 'no startxref at its end');
  const offsets = new Map<number, number>();
  let newest: string | undefined;
  const seen = new Set<number>();
  for (let at: number | undefined = Number(startxref?.[1]); at !== undefined; ) {
    if (seen.has(at) || !text.startsWith('xref', at)) unreadable(name, `no cross-reference table at byte ${at}`);
    seen.add(at);
    const table = /xref\s+([\s\S]*?)trailer\s*<<([\s\S]*?)>>\s*startxref/y;
    table.lastIndex = at;
    const match = table.exec(text);
    if (match === null) unreadable(name, `an unreadable cross-reference table at byte ${at}`);
    const [, entries = '', trailer = ''] = match ?? [];
    const tokens = entries.trim().split(/\s+/);
    for (let index = 0; index < tokens.length; ) {
      const first = Number(tokens[index]);
      const count = Number(tokens[index + 1]);
      index += 2;
      for (let entry = 0; entry < count; entry += 1, index += 3) {
        const number = first + entry;
        if (tokens[index + 2] === 'n' && !offsets.has(number)) offsets.set(number, Number(tokens[index]));
      }
    }
    newest ??= trailer;
    const previous = /\/Prev (\d+)/.exec(trailer)?.[1];
    at = previous === undefined ? undefined : Number(previous);
  }
  return { offsets, trailer: trailerOf(newest ?? '', Number(startxref?.[1]), name) };
}

/**
 * Recovery for a file whose cross-reference table is missing or points wrong (as other readers
 * recover): every object header in the file, the last definition winning, and the last trailer.
 */
export function scanCrossReference(text: string, name: string): CrossReference {
  const offsets = new Map<number, number>();
  for (const match of text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\b/g))
    offsets.set(Number(match[1]), match.index + match[0].length - `${match[1]} 0 obj`.length);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref\s*(\d+)\s*%%EOF\s*$/.exec(
    text.slice(text.lastIndexOf('trailer')),
  );
  if (trailer === null) unreadable(name, 'no trailer at its end');
  return { offsets, trailer: trailerOf(trailer?.[1] ?? '', Number(trailer?.[2]), name) };
}

function trailerOf(dictionary: string, startxref: number, name: string): Trailer {
  const size = Number(/\/Size (\d+)/.exec(dictionary)?.[1]);
  const root = /\/Root (\d+ \d+ R)/.exec(dictionary)?.[1];
  const info = /\/Info (\d+) \d+ R/.exec(dictionary)?.[1];
  if (root === undefined) unreadable(name, 'no /Root in its trailer');
  if (!Number.isInteger(size)) unreadable(name, 'no /Size in its trailer');
  const id = /\/ID\s*\[\s*<([0-9A-Fa-f]+)>/.exec(dictionary)?.[1];
  return {
    size,
    root: root ?? '',
    info: info === undefined ? undefined : Number(info),
    ...(id === undefined ? {} : { id }),
    startxref,
  };
}

/** Object `number`, defined at `offset`: its value, and its stream data if it has one. */
export function readObject(
  text: string,
  bytes: Uint8Array | undefined,
  number: number,
  offset: number,
  name: string,
): PdfObject {
  const header = /(\d+) \d+ obj\s*/y;
  header.lastIndex = offset;
  const head = header.exec(text);
  if (head === null || Number(head[1]) !== number) unreadable(name, `object ${number} is not at byte ${offset}`);
  const start = header.lastIndex;
  const end = tokenEnd(text, start);
  const value = text.slice(start, end.at).trim();
  if (end.keyword === 'endobj' || bytes === undefined) return { value };
  const length = Number(/\/Length (\d+)(?!\d| \d+ R)/.exec(value)?.[1]);
  if (!Number.isInteger(length)) unreadable(name, `stream ${number} has no direct /Length`);
  const dataStart = end.at + 'stream'.length + (text[end.at + 6] === '\r' ? 2 : 1);
  return { value, stream: bytes.subarray(dataStart, dataStart + length) };
}

function unreadable(name: string, what: string): never {
  throw new FactsheetsError(`cannot read ${name}: ${what}`, {
    stage: 'finish',
    file: name,
    hint: 'Rebuild it (factsheets build --force): it was not written by this tool, or it is damaged.',
  });
}

/** Where an object's value could change: a string's start, or an `s` or `e` that may begin its keyword. */
const VALUE_STOP = /[(<se]/g;

/** Where an object's value ends: at `stream` or `endobj` outside any string. */
function tokenEnd(text: string, from: number): { at: number; keyword: 'stream' | 'endobj' } {
  // Jumps from one place that could matter to the next: every other character is stepped over.
  for (let at = from; at < text.length; ) {
    VALUE_STOP.lastIndex = at;
    const stop = VALUE_STOP.exec(text);
    if (stop === null) break;
    at = stop.index;
    const skipped = skipString(text, at);
    if (skipped !== at) {
      at = skipped;
      continue;
    }
    if (text.startsWith('stream', at)) return { at, keyword: 'stream' };
    if (text.startsWith('endobj', at)) return { at, keyword: 'endobj' };
    at += 1;
  }
  return { at: text.length, keyword: 'endobj' };
}

/**
 * If a string starts at `at` (literal `(…)`, nested and escaped, or hex `<…>`), the index
 * after it; `<<` is stepped over whole, so that its second `<` is not taken for a hex string.
 */
export function skipString(text: string, at: number): number {
  const char = text[at];
  if (text.startsWith('<<', at)) return at + 2;
  if (char === '(') {
    let depth = 0;
    for (let index = at; index < text.length; index += 1) {
      const current = text[index];
      if (current === '\\') index += 1;
      else if (current === '(') depth += 1;
      else if (current === ')' && --depth === 0) return index + 1;
    }
    return text.length;
  }
  if (char === '<' && text[at + 1] !== '<') {
    const close = text.indexOf('>', at);
    return close === -1 ? text.length : close + 1;
  }
  return at;
}

/** Where a value could hold a reference or a string: `(`, `<`, or a digit that starts a number. */
const REFERENCE_STOP = /[(<]|(?<![\d.])\d/g;

/** Calls `replace` for every reference `N G R` outside strings and puts back what it returns. */
export function mapReferences(value: string, replace: (number: number) => string): string {
  let output = '';
  let copied = 0;
  const reference = /(\d+) (\d+) R(?![A-Za-z0-9])/y;
  // Jumps from one place that could matter to the next: every other character is stepped over.
  for (let at = 0; at < value.length; ) {
    REFERENCE_STOP.lastIndex = at;
    const stop = REFERENCE_STOP.exec(value);
    if (stop === null) break;
    at = stop.index;
    const skipped = skipString(value, at);
    if (skipped !== at) {
      at = skipped;
      continue;
    }
    reference.lastIndex = at;
    const match = reference.exec(value);
    if (match !== null) {
      output += value.slice(copied, at) + replace(Number(match[1]));
      at = copied = reference.lastIndex;
      continue;
    }
    at += 1;
  }
  return output + value.slice(copied);
}

/** The numbers of the objects a value refers to, in order. */
export function referencesIn(value: string): number[] {
  const found: number[] = [];
  mapReferences(value, (number) => {
    found.push(number);
    return '';
  });
  return found;
}

/** `/Key N 0 R` in a dictionary's text: N. */
export function refEntry(value: string, key: string): number | undefined {
  const match = new RegExp(`/${key} (\\d+) \\d+ R`).exec(value);
  return match === null ? undefined : Number(match[1]);
}

/** `/Key [a 0 R b 0 R …]` or `/Key a 0 R`: the numbers. */
export function refList(value: string, key: string): number[] {
  const array = new RegExp(`/${key} \\[([^\\]]*)\\]`).exec(value);
  if (array !== null) return referencesIn(array[1] ?? '');
  const single = refEntry(value, key);
  return single === undefined ? [] : [single];
}

/** `/Key <<…>>`: the inner dictionary's text, brackets included, and where it sits in `value`. */
export function dictEntry(value: string, key: string): { text: string; start: number; end: number } | undefined {
  const match = new RegExp(`/${key}\\s*<<`).exec(value);
  if (match === null) return undefined;
  const start = match.index + match[0].length - 2;
  let depth = 0;
  for (let at = start; at < value.length; ) {
    if (value.startsWith('<<', at)) {
      depth += 1;
      at += 2;
    } else if (value.startsWith('>>', at)) {
      at += 2;
      if (--depth === 0) return { text: value.slice(start, at), start, end: at };
    } else {
      const skipped = skipString(value, at);
      at = skipped === at ? at + 1 : skipped;
    }
  }
  return undefined;
}

/** Writes objects 1…n as a PDF with one cross-reference table. */
export function writePdf(
  objects: readonly PdfObject[],
  root: number,
  info: number | undefined,
  id?: string,
): Uint8Array {
  return new Uint8Array(Buffer.concat(writePdfPieces(objects, root, info, id)));
}

/** The same PDF as consecutive pieces (stream data is not copied), for files too large to join in memory. */
export function writePdfPieces(
  objects: readonly PdfObject[],
  root: number,
  info: number | undefined,
  id?: string,
): Buffer[] {
  const chunks: Buffer[] = [];
  let length = 0;
  let text = '';
  const offsets: number[] = [];
  // Object texts are gathered into pieces of some 64 KB; stream data is passed on as it is.
  const flush = (): void => {
    if (text === '') return;
    chunks.push(Buffer.from(text, 'latin1'));
    text = '';
  };
  const write = (piece: string): void => {
    text += piece;
    length += piece.length;
    if (text.length > 65_536) flush();
  };
  write('%PDF-1.4\n%\xd3\xeb\xe9\xe1\n');
  objects.forEach((object, index) => {
    offsets.push(length);
    if (object.stream === undefined) {
      write(`${index + 1} 0 obj\n${object.value}\nendobj\n`);
    } else {
      write(`${index + 1} 0 obj\n${object.value}\nstream\n`);
      flush();
      chunks.push(Buffer.from(object.stream.buffer, object.stream.byteOffset, object.stream.byteLength));
      length += object.stream.byteLength;
      write('\nendstream\nendobj\n');
    }
  });
  const xref = length;
  write(
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}` +
      `trailer\n<</Size ${objects.length + 1}\n/Root ${root} 0 R${info === undefined ? '' : `\n/Info ${info} 0 R`}${id === undefined ? '' : `\n/ID [<${id}> <${id}>]`}>>\nstartxref\n${xref}\n%%EOF\n`,
  );
  flush();
  return chunks;
}
