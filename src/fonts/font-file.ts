import { brotliDecompressSync, inflateSync } from 'node:zlib';
import { cmapCoverage } from './coverage.js';

/** What the build needs to know of a font file: the characters it draws and the name a PDF gives it. */
export interface FontFacts {
  readonly coverage: ReadonlySet<number>;
  /** The PostScript name (name ID 6), as Chromium writes it into `/BaseFont`: `SourceSans3-Bold`. */
  readonly postscriptName: string;
}

/** The font formats a style sheet may point at, by the file's first four bytes. */
export type FontFormat = 'woff2' | 'woff' | 'truetype' | 'opentype';

export function fontFormat(bytes: Uint8Array): FontFormat | undefined {
  const signature = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(4, bytes.byteLength)).toString('latin1');
  if (signature === 'wOF2') return 'woff2';
  if (signature === 'wOFF') return 'woff';
  if (signature === 'OTTO') return 'opentype';
  if (signature === '\0\u0001\0\0' || signature === 'true') return 'truetype';
  return undefined;
}

/** Reads the cmap and name tables of a TrueType, OpenType, WOFF or WOFF 2 file. Throws on anything else. */
export function fontFacts(bytes: Uint8Array): FontFacts {
  const font = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = fontFormat(font);
  if (format === undefined) throw new Error('not a TrueType, OpenType, WOFF or WOFF 2 font');
  const tables = format === 'woff2' ? woff2Tables(font) : format === 'woff' ? woffTables(font) : sfntTables(font);
  const cmap = tables.get('cmap');
  if (cmap === undefined) throw new Error('the font has no cmap table');
  const name = tables.get('name');
  return { coverage: cmapCoverage(cmap), postscriptName: name === undefined ? '' : postscriptName(name) };
}

type Tables = Map<string, Buffer>;
const WANTED = new Set(['cmap', 'name']);

function sfntTables(font: Buffer): Tables {
  const tables: Tables = new Map();
  const count = font.readUInt16BE(4);
  for (let index = 0; index < count; index += 1) {
    const entry = 12 + index * 16;
    const tag = font.toString('latin1', entry, entry + 4);
    if (!WANTED.has(tag)) continue;
    const offset = font.readUInt32BE(entry + 8);
    tables.set(tag, font.subarray(offset, offset + font.readUInt32BE(entry + 12)));
  }
  return tables;
}

/** WOFF 1: each table zlib-compressed on its own (or stored when that is not smaller). */
function woffTables(font: Buffer): Tables {
  const tables: Tables = new Map();
  const count = font.readUInt16BE(12);
  for (let index = 0; index < count; index += 1) {
    const entry = 44 + index * 20;
    const tag = font.toString('latin1', entry, entry + 4);
    if (!WANTED.has(tag)) continue;
    const offset = font.readUInt32BE(entry + 4);
    const compressed = font.readUInt32BE(entry + 8);
    const data = font.subarray(offset, offset + compressed);
    tables.set(tag, compressed < font.readUInt32BE(entry + 12) ? inflateSync(data) : data);
  }
  return tables;
}

/** WOFF 2 tags by their index in the spec's known-tags table; cmap and name are never transformed. */
const KNOWN_TAGS = [
  'cmap',
  'head',
  'hhea',
  'hmtx',
  'maxp',
  'name',
  'OS/2',
  'post',
  'cvt ',
  'fpgm',
  'glyf',
  'loca',
  'prep',
  'CFF ',
  'VORG',
  'EBDT',
  'EBLC',
  'gasp',
  'hdmx',
  'kern',
  'LTSH',
  'PCLT',
  'VDMX',
  'vhea',
  'vmtx',
  'BASE',
  'GDEF',
  'GPOS',
  'GSUB',
  'EBSC',
  'JSTF',
  'MATH',
  'CBDT',
  'CBLC',
  'COLR',
  'CPAL',
  'SVG ',
  'sbix',
  'acnt',
  'avar',
  'bdat',
  'bloc',
  'bsln',
  'cvar',
  'fdsc',
  'feat',
  'fmtx',
  'fvar',
  'gvar',
  'hsty',
  'just',
  'lcar',
  'mort',
  'morx',
  'opbd',
  'prop',
  'trak',
  'Zapf',
  'Silf',
  'Glat',
  'Gloc',
  'Feat',
  'Sill',
];

/** WOFF 2: one Brotli stream holding every table in directory order, unpadded. */
function woff2Tables(font: Buffer): Tables {
  if (font.toString('latin1', 4, 8) === 'ttcf')
    throw new Error('font collections are not supported: point at one font');
  const count = font.readUInt16BE(12);
  let at = 48;
  const readBase128 = (): number => {
    let value = 0;
    for (let byte = 0; byte < 5; byte += 1) {
      const next = font.readUInt8(at++);
      value = value * 128 + (next & 0x7f);
      if ((next & 0x80) === 0) return value;
    }
    throw new Error('malformed WOFF 2 table directory');
  };
  const entries: { tag: string; length: number }[] = [];
  for (let index = 0; index < count; index += 1) {
    const flags = font.readUInt8(at++);
    let tag = KNOWN_TAGS[flags & 0x3f];
    if ((flags & 0x3f) === 0x3f) {
      tag = font.toString('latin1', at, at + 4);
      at += 4;
    }
    const original = readBase128();
    const version = (flags >> 6) & 0x03;
    const transformed = tag === 'glyf' || tag === 'loca' ? version === 0 : version !== 0;
    entries.push({ tag: tag ?? '', length: transformed ? readBase128() : original });
  }
  const stream = brotliDecompressSync(font.subarray(at, at + font.readUInt32BE(20)));
  const tables: Tables = new Map();
  let offset = 0;
  for (const { tag, length } of entries) {
    if (WANTED.has(tag)) tables.set(tag, stream.subarray(offset, offset + length));
    offset += length;
  }
  return tables;
}

/** Name ID 6 from the Windows (UTF-16) record of a name table, else the Macintosh (Roman) one. */
function postscriptName(name: Buffer): string {
  const count = name.readUInt16BE(2);
  const strings = name.readUInt16BE(4);
  let found = '';
  for (let index = 0; index < count; index += 1) {
    const record = 6 + index * 12;
    if (name.readUInt16BE(record + 6) !== 6) continue;
    const platform = name.readUInt16BE(record);
    const start = strings + name.readUInt16BE(record + 10);
    const raw = name.subarray(start, start + name.readUInt16BE(record + 8));
    if (platform === 3) return Buffer.from(raw).swap16().toString('utf16le');
    if (platform === 1 && found === '') found = raw.toString('latin1');
  }
  return found;
}
