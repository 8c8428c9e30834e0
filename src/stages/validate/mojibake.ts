import type { BuildWarning, SourceFile } from '../../model/documents.js';
import { rowPosition } from './csv-rows.js';
import type { ParsedRow } from '../../model/sources.js';

/** Windows-1252's characters for the bytes 0x80–0x9F (0xA0–0xFF are Latin-1's). */
const CP1252_80_TO_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** What a conversion mistake decodes to: letters and punctuation of Western text (é, â, –, €, ™), never NKo or Arabic. */
const PLAUSIBLE = /^[\u00A0-\u024F\u2010-\u203A\u20AC\u2122]$/u;

const DECODER = new TextDecoder('utf-8', { fatal: true });

/** A UTF-8 lead byte (Â…ô) then a continuation byte (0x80–0xBF), both as Windows-1252 shows them. */
const MAYBE_MISREAD = new RegExp(`[\u00C2-\u00F4][\u00A0-\u00BF${CP1252_80_TO_9F}]`, 'u');

const EXPLANATION =
  'it looks like UTF-8 text that was read as Windows-1252 (or Latin-1) and saved again, e.g. a UTF-8 CSV opened in Excel or LibreOffice' +
  ' without choosing "Unicode (UTF-8)": open the original again choosing UTF-8, or correct the text';

/** The byte a character stands for in Windows-1252, or undefined when it has none. */
function cp1252Byte(char: string | undefined): number | undefined {
  if (char === undefined) return undefined;
  const code = char.charCodeAt(0);
  if (code < 0x80) return undefined;
  if (code >= 0xa0 && code <= 0xff) return code;
  const index = CP1252_80_TO_9F.indexOf(char);
  return index >= 0 ? 0x80 + index : undefined;
}

/** The UTF-8 sequence that starts at `index` when the text is read back as Windows-1252 bytes: its length and character. */
function sequenceAt(text: string, index: number): { length: number; char: string } | undefined {
  const lead = cp1252Byte(text[index]);
  if (lead === undefined || lead < 0xc2 || lead > 0xf4) return undefined;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
  const bytes = [lead];
  for (let next = 1; next < length; next += 1) {
    const byte = cp1252Byte(text[index + next]);
    if (byte === undefined || byte < 0x80 || byte > 0xbf) return undefined;
    bytes.push(byte);
  }
  try {
    const char = DECODER.decode(Uint8Array.from(bytes));
    return PLAUSIBLE.test(char) ? { length, char } : undefined;
  } catch {
    return undefined;
  }
}

/** The first word of `text` that reads as UTF-8 decoded as Windows-1252 ("LaÃ¢youne"), with what it meant ("Laâyoune"). */
export function misreadUtf8(text: string): { readonly found: string; readonly meant: string } | undefined {
  // Most text has no lead byte followed by a continuation byte at all: one pass of a regular expression says so.
  const candidate = MAYBE_MISREAD.exec(text);
  if (candidate === null) return undefined;
  for (let index = candidate.index; index < text.length; index += 1) {
    if (sequenceAt(text, index) === undefined) continue;
    const start = text.slice(0, index).search(/\S*$/);
    const end = index + (/^\S*/.exec(text.slice(index))?.[0].length ?? 0);
    const found = text.slice(start, end);
    let meant = '';
    for (let at = 0; at < found.length; ) {
      const sequence = sequenceAt(found, at);
      meant += sequence?.char ?? found[at] ?? '';
      at += sequence?.length ?? 1;
    }
    return {
      found: found.length > 60 ? `${found.slice(0, 57)}…` : found,
      meant: meant.length > 60 ? `${meant.slice(0, 57)}…` : meant,
    };
  }
  return undefined;
}

/** One warning for a dataset's cells that look misread, at the first of them, with a count of the others. */
export function misreadCells(file: string, columns: readonly string[], rows: readonly ParsedRow[]): BuildWarning[] {
  let first: { row: ParsedRow; field: number; found: string; meant: string } | undefined;
  let count = 0;
  for (const row of rows) {
    row.fields.forEach((value, field) => {
      const misread = misreadUtf8(value);
      if (misread === undefined) return;
      count += 1;
      first ??= { row, field, ...misread };
    });
  }
  if (first === undefined) return [];
  const { line, cell } = rowPosition(first.row, first.field);
  return [
    {
      message: `${cell === undefined ? '' : `${cell}: `}column "${columns[first.field] ?? ''}": "${first.found}" was probably "${first.meant}": ${EXPLANATION}${more(count, 'cell')}`,
      file,
      ...(cell === undefined && line !== undefined ? { line } : {}),
    },
  ];
}

/** One warning for a brief whose text looks misread, at its first such line, with a count of the others. */
export function misreadText(source: SourceFile, document: string): BuildWarning[] {
  let first: { line: number; found: string; meant: string } | undefined;
  let count = 0;
  source.text.split(/\r\n|\r|\n/).forEach((text, index) => {
    const misread = misreadUtf8(text);
    if (misread === undefined) return;
    count += 1;
    first ??= { line: index + 1, ...misread };
  });
  if (first === undefined) return [];
  return [
    {
      message: `"${first.found}" was probably "${first.meant}": ${EXPLANATION}${more(count, 'line')}`,
      file: source.displayPath,
      line: first.line,
      document,
    },
  ];
}

function more(count: number, what: 'cell' | 'line'): string {
  return count > 1 ? ` (and ${(count - 1).toLocaleString('en')} more ${count === 2 ? what : `${what}s`} like it)` : '';
}
