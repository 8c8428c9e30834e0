import { appendUpdate, fromLatin1, latin1, readPrinted } from './update.js';
import { decodeString, encodeTextString } from './strings.js';

/**
 * Chromium titles outline entries (bookmarks) from the laid-out lines of each heading and
 * drops the space at every soft line break ("Partnership Framework onMigration"), and takes
 * CSS capitals literally. Each title that matches a heading of the page except for white
 * space and case is replaced by that heading's own text, in an incremental update.
 */
export function fixOutlineTitles(bytes: Uint8Array, headings: readonly string[]): Uint8Array {
  const pdf = readPrinted(latin1(bytes));
  const byKey = new Map(headings.map((heading) => [key(heading), heading]));
  const objects = new Map<number, string>();
  for (const number of pdf.numbers) {
    const body = pdf.body(number) ?? '';
    const title = /^<<\/Title (<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\n\/Dest/.exec(body)?.[1];
    if (title === undefined) continue;
    const current = decodeString(title);
    const heading = byKey.get(key(current));
    if (heading !== undefined && heading !== current)
      objects.set(number, body.replace(title, encodeTextString(heading)));
  }
  return objects.size === 0 ? bytes : fromLatin1(appendUpdate(pdf.text, objects, undefined, pdf.trailer));
}

/** Chromium's title is the heading as drawn: compared in capitals, which `ß` (SS) and a few others only round-trip to. */
function key(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}
