/** Code points mapped to a real glyph (not .notdef) by the best Unicode subtable of a cmap. */
export function cmapCoverage(cmap: Buffer): Set<number> {
  const count = cmap.readUInt16BE(2);
  const subtables = Array.from({ length: count }, (_, index) => ({
    platform: cmap.readUInt16BE(4 + index * 8),
    encoding: cmap.readUInt16BE(6 + index * 8),
    offset: cmap.readUInt32BE(8 + index * 8),
  }));
  const full =
    subtables.find((table) => table.platform === 3 && table.encoding === 10) ??
    subtables.find((table) => table.platform === 0 && cmap.readUInt16BE(table.offset) === 12);
  if (full !== undefined && cmap.readUInt16BE(full.offset) === 12) return format12(cmap, full.offset);
  const basic =
    subtables.find((table) => table.platform === 3 && table.encoding === 1) ??
    subtables.find((table) => table.platform === 0);
  if (basic !== undefined && cmap.readUInt16BE(basic.offset) === 4) return format4(cmap, basic.offset);
  throw new Error('the font has no Unicode cmap subtable of format 4 or 12');
}

function format12(cmap: Buffer, offset: number): Set<number> {
  const covered = new Set<number>();
  const groups = cmap.readUInt32BE(offset + 12);
  for (let group = 0; group < groups; group += 1) {
    const at = offset + 16 + group * 12;
    const start = cmap.readUInt32BE(at);
    const end = cmap.readUInt32BE(at + 4);
    const firstGlyph = cmap.readUInt32BE(at + 8);
    for (let code = start; code <= end; code += 1) if (firstGlyph + (code - start) !== 0) covered.add(code);
  }
  return covered;
}

function format4(cmap: Buffer, offset: number): Set<number> {
  const covered = new Set<number>();
  const segments = cmap.readUInt16BE(offset + 6) / 2;
  const ends = offset + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  for (let segment = 0; segment < segments; segment += 1) {
    const start = cmap.readUInt16BE(starts + segment * 2);
    const end = cmap.readUInt16BE(ends + segment * 2);
    const delta = cmap.readUInt16BE(deltas + segment * 2);
    const rangeAt = rangeOffsets + segment * 2;
    const rangeOffset = cmap.readUInt16BE(rangeAt);
    for (let code = start; code <= end && code !== 0xffff; code += 1) {
      let glyph: number;
      if (rangeOffset === 0) {
        glyph = (code + delta) & 0xffff;
      } else {
        const raw = cmap.readUInt16BE(rangeAt + rangeOffset + (code - start) * 2);
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) covered.add(code);
    }
  }
  return covered;
}

/** Characters that need no glyph: white space, controls and default-ignorable marks (soft hyphen, joiners). */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: variation selectors are listed on their own on purpose (they need no glyph).
const NEEDS_NO_GLYPH = /[\s\p{Cc}\u00AD\u061C\u200B-\u200F\u2028-\u202F\u2060-\u206F\uFE00-\uFE0F\uFEFF]/u;

/** The distinct characters of `text` that `covered` has no glyph for, in order of appearance. */
export function uncoveredCharacters(text: string, covered: ReadonlySet<number>): string[] {
  const missing = new Set<string>();
  for (const char of text) {
    if (NEEDS_NO_GLYPH.test(char)) continue;
    if (!covered.has(char.codePointAt(0) ?? 0)) missing.add(char);
  }
  return [...missing];
}

/** `"ɔ" (U+0254)` for messages. */
export function describeCharacter(char: string): string {
  return `"${char}" (U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`;
}

/** `"ɔ" (U+0254) in "Ɔkɔɔ", …`: each missing character with the first word it is in, twelve at most. */
export function describeMissing(text: string, missing: readonly string[]): string {
  const words = text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const described = missing.slice(0, 12).map((char) => {
    const word = words.find((candidate) => candidate.includes(char));
    return word === undefined || word === char || [...word].length > 40
      ? describeCharacter(char)
      : `${describeCharacter(char)} in "${word}"`;
  });
  return `${described.join(', ')}${missing.length > 12 ? ` and ${missing.length - 12} more` : ''}`;
}
