import { appendUpdate, fromLatin1, latin1 } from './update.js';

/**
 * Chromium titles outline entries (bookmarks) from the laid-out lines of each heading and
 * drops the space at every soft line break ("Partnership Framework onMigration"), and takes
 * CSS capitals literally. Each title that matches a heading of the page except for white
 * space and case is replaced by that heading's own text, in an incremental update.
 */
export function fixOutlineTitles(bytes: Uint8Array, headings: readonly string[]): Uint8Array {
  const text = latin1(bytes);
  const byKey = new Map(headings.map((heading) => [key(heading), heading]));
  const objects = new Map<number, string>();
  for (const match of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*(<<\/Title (<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\n\/Dest[\s\S]*?>>)\s*endobj/g)) {
    const [, number, body, title] = match;
    if (number === undefined || body === undefined || title === undefined) continue;
    const current = decodeString(title);
    const heading = byKey.get(key(current));
    if (heading !== undefined && heading !== current) objects.set(Number(number), body.replace(title, encodeString(heading)));
  }
  return objects.size === 0 ? bytes : fromLatin1(appendUpdate(text, objects));
}

function key(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** A PDF string (literal or hex, PDFDocEncoding or UTF-16BE) as text. */
export function decodeString(token: string): string {
  if (token.startsWith('<')) {
    const bytes = Buffer.from(token.slice(1, -1), 'hex');
    return bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1');
  }
  return token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, escape: string) => {
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    return simple[escape] ?? String.fromCharCode(parseInt(escape, 8));
  });
}

function encodeString(value: string): string {
  return `<${Buffer.from(`\uFEFF${value}`, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}
