import { contentOps } from './content-ops.js';
import { refEntry } from './objects.js';
import { pageStreams } from './page-streams.js';
import type { DecodedPdf } from './rewrite.js';

/** A ToUnicode entry that maps a glyph to nothing readable: `<0080> <0000>`. */
const EMPTY_MAPPING = /<([0-9A-Fa-f]{4})>\s*<(?:0000|FEFF|FFFE)>/gi;

/**
 * Chromium maps some ligature glyphs (Source Sans 3's "ff") to U+0000 in their font's
 * ToUnicode, though it draws each use inside a `/Span <</ActualText (ff)>>`: so the letters
 * are known from the page. Each such glyph gets the letters of the ActualText around it, less
 * what the other glyphs of that span stand for; a glyph never seen in an ActualText stays as
 * it was (and the check reports it).
 */
export function ligatureFix(pdf: DecodedPdf): Map<number, string> {
  const letters = new Map<number, Map<string, string>>();
  // Most files have no such glyph: then no page needs reading.
  if (![...pdf.streams.values()].some((text) => text.includes('beginbfchar') && emptyMappings(text).length > 0))
    return new Map();
  for (const { contents, fonts } of pageStreams(pdf.objects)) {
    const toUnicodeOf = new Map(
      [...fonts].map(([name, font]) => [name, refEntry(pdf.objects.get(font)?.value ?? '', 'ToUnicode')]),
    );
    // Only a page that uses a font with such a glyph is read.
    const suspects = [...toUnicodeOf]
      .filter(([, cmap]) => cmap !== undefined && cmapOf(pdf, cmap).empty.size > 0)
      .map(([name]) => `/${name} `);
    if (suspects.length === 0) continue;
    for (const content of contents) {
      const text = pdf.streams.get(content) ?? '';
      if (suspects.some((name) => text.includes(name))) collectLetters(pdf, text, toUnicodeOf, letters);
    }
  }
  const changed = new Map<number, string>();
  for (const [cmap, known] of letters) {
    const text = pdf.streams.get(cmap);
    if (text === undefined) continue;
    const fixed = text.replace(EMPTY_MAPPING, (match, code: string) => {
      const found = known.get(code.toUpperCase());
      return found === undefined ? match : `<${code}> <${utf16Hex(found)}>`;
    });
    if (fixed !== text) changed.set(cmap, fixed);
  }
  return changed;
}

/** The codes a CMap maps to nothing readable, upper-case hex. */
export function emptyMappings(cmap: string): string[] {
  return [...cmap.matchAll(EMPTY_MAPPING)].map((match) => (match[1] ?? '').toUpperCase());
}

function collectLetters(
  pdf: DecodedPdf,
  content: string,
  toUnicodeOf: ReadonlyMap<string, number | undefined>,
  letters: Map<number, Map<string, string>>,
): void {
  let cmap: number | undefined;
  const spans: { text: string; codes: string[]; cmap: number | undefined }[] = [];
  const depth: boolean[] = [];
  for (const op of contentOps(content)) {
    if (op.op === 'Tf') cmap = toUnicodeOf.get(/^\/(\S+)/.exec(op.operands)?.[1] ?? '');
    else if (op.op === 'BDC' || op.op === 'BMC') {
      const actual = /\/ActualText\s*<feff((?:[0-9A-Fa-f]{4})*)>/i.exec(op.operands)?.[1];
      depth.push(actual !== undefined);
      if (actual !== undefined)
        spans.push({ text: Buffer.from(actual, 'hex').swap16().toString('utf16le'), codes: [], cmap });
    } else if (op.op === 'EMC') {
      if (depth.pop() === true) {
        const span = spans.pop();
        if (span !== undefined) learn(pdf, span, letters);
      }
    } else if (/^(Tj|TJ|'|")$/.test(op.op) && spans.length > 0) {
      for (const hex of content.slice(op.start, op.end).matchAll(/<([0-9A-Fa-f]*)>/g))
        spans.at(-1)?.codes.push(...((hex[1] ?? '').match(/.{4}/g) ?? []).map((code) => code.toUpperCase()));
    }
  }
}

/** A CMap's single-code entries (code → text) and its codes mapped to nothing, read once per CMap. */
const parsedCmaps = new WeakMap<DecodedPdf, Map<number, { empty: Set<string>; mapped: Map<string, string> }>>();

function cmapOf(pdf: DecodedPdf, number: number): { empty: Set<string>; mapped: Map<string, string> } {
  const byNumber = parsedCmaps.get(pdf) ?? new Map<number, { empty: Set<string>; mapped: Map<string, string> }>();
  parsedCmaps.set(pdf, byNumber);
  const known = byNumber.get(number);
  if (known !== undefined) return known;
  const text = pdf.streams.get(number) ?? '';
  const mapped = new Map<string, string>();
  for (const section of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const entry of (section[1] ?? '').matchAll(/<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]+)>/g)) {
      mapped.set(
        (entry[1] ?? '').toUpperCase(),
        Buffer.from(entry[2] ?? '', 'hex')
          .swap16()
          .toString('utf16le'),
      );
    }
  }
  const parsed = { empty: new Set(emptyMappings(text)), mapped };
  byNumber.set(number, parsed);
  return parsed;
}

function learn(
  pdf: DecodedPdf,
  span: { text: string; codes: string[]; cmap: number | undefined },
  letters: Map<number, Map<string, string>>,
): void {
  if (span.cmap === undefined) return;
  const { empty, mapped: entries } = cmapOf(pdf, span.cmap);
  const unknown = span.codes.filter((code) => empty.has(code));
  if (new Set(unknown).size !== 1) return;
  let rest = span.text;
  for (const code of span.codes) {
    if (empty.has(code)) continue;
    const mapped = entries.get(code);
    if (mapped !== undefined && mapped.trim() !== '' && rest.includes(mapped)) rest = rest.replace(mapped, '');
  }
  rest = rest.replace(/[\s\u00ad]/g, '');
  if (rest === '') return;
  const known = letters.get(span.cmap) ?? new Map<string, string>();
  known.set(unknown[0] ?? '', rest);
  letters.set(span.cmap, known);
}

function utf16Hex(text: string): string {
  return Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
}
