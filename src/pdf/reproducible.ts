import { fromLatin1, latin1 } from './objects.js';

/**
 * Chromium writes the clock into /CreationDate and /ModDate, and gives tagged-PDF structure
 * elements IDs `(nodeNNN)` from a counter shared by everything the browser has printed, in an
 * order that varies with what printed alongside. Both are rewritten in place at the same
 * length, so the cross-reference offsets stay valid and equal inputs give equal bytes: IDs are
 * renumbered in the order their structure elements appear, and the ID name tree re-sorted.
 */
export function makeReproducible(bytes: Uint8Array, creationDate: Date): Uint8Array {
  const text = latin1(bytes);
  const stamp = pdfDate(creationDate);
  const ids = new Map<string, string>();
  for (const match of text.matchAll(/\/ID \(node(\d+)\)/g)) {
    const digits = match[1] ?? '';
    if (!ids.has(digits)) ids.set(digits, String(ids.size + 1).padStart(digits.length, '0'));
  }
  const renumbered = text
    .replace(/\/(CreationDate|ModDate) \(D:\d{14}[^)]*\)/g, (match, key: string) => {
      const replacement = `/${key} (${stamp})`;
      return replacement.length === match.length ? replacement : match;
    })
    .replace(/\(node(\d+)\)/g, (match, digits: string) => {
      const id = ids.get(digits) ?? digits;
      return id.length === digits.length ? `(node${id})` : match;
    });
  return fromLatin1(sortIdTreeLeaves(renumbered));
}

/** Re-sorts each `/Limits [..] /Names [(key) n 0 R …]` leaf by key; the pairs only move, so the length holds. */
function sortIdTreeLeaves(text: string): string {
  return text.replace(
    /\/Limits \[(\(node\d+\)) (\(node\d+\))\](\s*)\/Names \[([^\]]*)\]/g,
    (match, _low: string, _high: string, gap: string, names: string) => {
      const pairs = [...names.matchAll(/(\(node\d+\)) (\d+ \d+ R)/g)].map(
        (pair) => [pair[1] ?? '', pair[2] ?? ''] as const,
      );
      if (pairs.length === 0) return match;
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const sorted = `/Limits [${pairs[0]?.[0]} ${pairs[pairs.length - 1]?.[0]}]${gap}/Names [${pairs.map(([key, ref]) => `${key} ${ref}`).join(' ')}]`;
      return sorted.length === match.length ? sorted : match;
    },
  );
}

/** `D:20170906000000+00'00'`, the form Chromium writes. */
export function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}+00'00'`;
}
