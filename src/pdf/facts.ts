import { FactsheetsError } from '../errors.js';
import {
  readCrossReference,
  readObject,
  refEntry,
  scanCrossReference,
  latin1,
  type CrossReference,
} from './objects.js';

/**
 * A PDF's objects read through its cross-reference table (or, if that points wrong, a scan of
 * the file); a piece of a file being written (see writePdfPieces) is read object by object.
 */
function objectsOf(bytes: Uint8Array): {
  body: (number: number) => string | undefined;
  root: number;
  numbers: number[];
} {
  const text = latin1(bytes);
  const name = 'the printed PDF';
  let table: CrossReference;
  try {
    table = readCrossReference(text, name);
  } catch {
    try {
      table = scanCrossReference(text, name);
    } catch {
      const offsets = new Map(
        [...text.matchAll(/(?:^|[\r\n])(\d+) 0 obj\b/g)].map((match) => [
          Number(match[1]),
          match.index + match[0].length - `${match[1]} 0 obj`.length,
        ]),
      );
      table = { offsets, trailer: { size: 0, root: '0 0 R', info: undefined, startxref: 0 } };
    }
  }
  return {
    root: Number(table.trailer.root.split(' ')[0]),
    numbers: [...table.offsets.keys()],
    body: (number) => {
      const offset = table.offsets.get(number);
      if (offset === undefined) return undefined;
      try {
        return readObject(text, undefined, number, offset, name).value;
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Pages in a PDF: the `/Count` of the page tree its catalog names, read as objects, so that
 * no string in the file (a title such as `Budget /Type /Pages /Count 12`) is taken for one.
 */
export function countPages(bytes: Uint8Array): number {
  const pdf = objectsOf(bytes);
  const pageTree = refEntry(pdf.body(pdf.root) ?? '', 'Pages');
  const tree = pageTree === undefined ? undefined : pdf.body(pageTree);
  const count =
    tree === undefined || !/\/Type\s*\/Pages\b/.test(withoutStrings(tree))
      ? undefined
      : /\/Count\s+(\d+)/.exec(withoutStrings(tree))?.[1];
  if (count === undefined || Number(count) === 0) throw noPages();
  return Number(count);
}

/** Font names in a PDF (from its font dictionaries), without the subset tag: `/ABCDEF+SourceSans3-Bold` → `SourceSans3-Bold`. */
export function fontNames(bytes: Uint8Array): string[] {
  const pdf = objectsOf(bytes);
  const names = new Set<string>();
  for (const number of pdf.numbers) {
    const body = withoutStrings(pdf.body(number) ?? '');
    if (!/\/Type\s*\/Font\b/.test(body)) continue;
    const name = /\/BaseFont\s*\/(?:[A-Z]{6}\+)?([^\s/<>[\]()]+)/.exec(body)?.[1];
    if (name !== undefined) names.add(name);
  }
  return [...names].sort();
}

/** A dictionary's text with its strings emptied, so that no text inside one reads as a key. */
function withoutStrings(value: string): string {
  return value.replace(/\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\)/g, '()').replace(/<(?!<)[0-9A-Fa-f\s]*>/g, '<>');
}

function noPages(): FactsheetsError {
  return new FactsheetsError('the printed PDF has no pages', { stage: 'finish' });
}

/** A page's size in millimetres, from its MediaBox (Chromium writes one on every page). */
export interface PageSizeMm {
  readonly widthMm: number;
  readonly heightMm: number;
}

/** The first page's size: the page tree's first leaf, with a MediaBox it has or inherits. */
export function firstPageSize(bytes: Uint8Array): PageSizeMm {
  const pdf = objectsOf(bytes);
  let node = refEntry(pdf.body(pdf.root) ?? '', 'Pages');
  let box: string | undefined;
  for (let depth = 0; node !== undefined && depth < 32; depth += 1) {
    const body = withoutStrings(pdf.body(node) ?? '');
    box = /\/MediaBox\s*\[([^\]]*)\]/.exec(body)?.[1] ?? box;
    if (!/\/Type\s*\/Pages\b/.test(body)) break;
    node = Number(/\/Kids\s*\[\s*(\d+)\s+\d+\s+R/.exec(body)?.[1] ?? Number.NaN);
    if (Number.isNaN(node)) node = undefined;
  }
  const [left, bottom, right, top] = (box ?? '').trim().split(/\s+/).map(Number);
  if (
    left === undefined ||
    bottom === undefined ||
    right === undefined ||
    top === undefined ||
    [left, bottom, right, top].some(Number.isNaN)
  )
    throw noPages();
  const mm = (points: number): number => Math.round(((points * 25.4) / 72) * 100) / 100;
  return { widthMm: mm(right - left), heightMm: mm(top - bottom) };
}
