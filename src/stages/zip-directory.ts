import { FactsheetsError } from '../errors.js';

/** One file of a ZIP archive, as its central directory declares it. */
export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  readonly compressedSize: number;
  /** Uncompressed size, as declared (a crafted archive may lie: readers check it). */
  readonly size: number;
  readonly headerOffset: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * The entries of a ZIP archive (an .xlsx workbook), read from its central directory only:
 * nothing is decompressed. ZIP64 sizes and offsets are read from their extra fields.
 */
export function centralDirectory(bytes: Buffer, file: string): ZipEntry[] {
  const damaged = (what: string): FactsheetsError =>
    new FactsheetsError(`the workbook cannot be read (${what})`, {
      stage: 'load',
      file,
      hint: 'Save the dataset from Excel or LibreOffice as an Excel workbook (.xlsx), or export it as CSV UTF-8.',
    });
  const end = findEnd(bytes);
  if (end < 0) throw damaged('it is not a ZIP archive, as an .xlsx file is');
  let count = bytes.readUInt16LE(end + 10);
  let offset: number = bytes.readUInt32LE(end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && bytes.readUInt32LE(end - 20) === ZIP64_LOCATOR) {
    const zip64 = Number(bytes.readBigUInt64LE(end - 12));
    if (zip64 + 56 > bytes.length || bytes.readUInt32LE(zip64) !== ZIP64_END)
      throw damaged('its ZIP64 directory is damaged');
    count = Number(bytes.readBigUInt64LE(zip64 + 32));
    offset = Number(bytes.readBigUInt64LE(zip64 + 48));
  }
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== DIRECTORY_ENTRY)
      throw damaged('its file directory is damaged');
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    const declared = {
      compressedSize: bytes.readUInt32LE(offset + 20),
      size: bytes.readUInt32LE(offset + 24),
      headerOffset: bytes.readUInt32LE(offset + 42),
    };
    const extra = bytes.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength);
    entries.push({ name, method: bytes.readUInt16LE(offset + 10), ...withZip64(declared, extra) });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The last end-of-directory record (it sits in the last 64 KB, after an optional comment). */
function findEnd(bytes: Buffer): number {
  for (let position = bytes.length - 22; position >= Math.max(0, bytes.length - 22 - 0xffff); position -= 1) {
    if (bytes.readUInt32LE(position) === END_OF_DIRECTORY) return position;
  }
  return -1;
}

type Sizes = Pick<ZipEntry, 'compressedSize' | 'size' | 'headerOffset'>;

/** Sizes marked 0xffffffff are in the ZIP64 extra field (id 1), in the order size, compressed size, offset. */
function withZip64(declared: Sizes, extra: Buffer): Sizes {
  for (let position = 0; position + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(position);
    const length = extra.readUInt16LE(position + 2);
    if (id === 1) {
      let field = position + 4;
      const next = (value: number): number => {
        if (value !== 0xffffffff || field + 8 > position + 4 + length) return value;
        const wide = Number(extra.readBigUInt64LE(field));
        field += 8;
        return wide;
      };
      const size = next(declared.size);
      const compressedSize = next(declared.compressedSize);
      return { size, compressedSize, headerOffset: next(declared.headerOffset) };
    }
    position += 4 + length;
  }
  return declared;
}

/** An entry's compressed bytes, found through its local header. */
export function entryData(bytes: Buffer, entry: ZipEntry): Buffer {
  const at = entry.headerOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) return Buffer.alloc(0);
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  return bytes.subarray(start, Math.min(bytes.length, start + entry.compressedSize));
}
