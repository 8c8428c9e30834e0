import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Facts about a real PDF, read with poppler-utils (pdfinfo, pdftotext, pdffonts). */
export function pdfInfo(path: string): Record<string, string> {
  const output = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Object.fromEntries(
    output
      .split('\n')
      .filter((line) => line.includes(':'))
      .map((line) => {
        const index = line.indexOf(':');
        return [line.slice(0, index).trim(), line.slice(index + 1).trim()];
      }),
  );
}

const PT_PER_MM = 72 / 25.4;

/** Page boxes as pdfinfo -box reports them for page 1, in millimetres: [x0, y0, x1, y1]. */
export function boxesMm(path: string): Record<string, number[]> {
  const output = execFileSync('pdfinfo', ['-box', path], { encoding: 'utf8' });
  return Object.fromEntries(
    [...output.matchAll(/^(\w+Box):\s+([\d.\s-]+)$/gm)].map((match) => [
      match[1],
      (match[2] ?? '')
        .trim()
        .split(/\s+/)
        .map((value) => Number(value) / PT_PER_MM),
    ]),
  );
}

export function pageCount(path: string): number {
  return Number(pdfInfo(path)['Pages']);
}

/** The PDF's text with runs of whitespace (line breaks, hyphenation-free) folded to one space. */
export function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

export interface PdfFont {
  readonly name: string;
  readonly embedded: boolean;
}

export function pdfFonts(path: string): PdfFont[] {
  const lines = execFileSync('pdffonts', [path], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '');
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name, type (1–2 words), encoding, emb, sub, uni, object, ID: read emb from the end.
    return { name: columns[0] ?? '', embedded: columns[columns.length - 5] === 'yes' };
  });
}

/** qpdf's structural check (cross-reference table, objects, streams); throws with its report on failure. */
export function checkStructure(path: string): void {
  execFileSync('qpdf', ['--check', path], { encoding: 'utf8' });
}

/** The alternative texts (`/Alt`) of a tagged PDF's structure elements, decoded (literal or UTF-16 hex). */
export function altTexts(path: string): string[] {
  const text = readFileSync(path).toString('latin1');
  return [...text.matchAll(/\/Alt\s*(<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))/g)].map((match) =>
    decodePdfString(match[1] ?? '()'),
  );
}

/** The titles of a PDF's outline (bookmarks), latest version of each entry, decoded. */
export function outlineTitles(path: string): string[] {
  const text = readFileSync(path).toString('latin1');
  const latest = new Map<string, string>();
  for (const match of text.matchAll(/(?:^|\n)(\d+) 0 obj\s*<<\/Title (<[0-9A-Fa-f]*>|\((?:\\.|[^\\)])*\))\n\/Dest/g)) {
    latest.set(match[1] ?? '', decodePdfString(match[2] ?? '()'));
  }
  return [...latest.values()];
}

/** A PDF string token, `<hex>` (PDFDocEncoding or UTF-16BE with BOM) or `(literal)`, as text. */
function decodePdfString(token: string): string {
  if (token.startsWith('<')) {
    const bytes = Buffer.from(token.slice(1, -1), 'hex');
    return bytes[0] === 0xfe && bytes[1] === 0xff
      ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le')
      : bytes.toString('latin1');
  }
  return token.slice(1, -1).replace(/\\([()\\])/g, '$1');
}

/** One page's text in content-stream order (pdftotext -raw), whitespace folded. */
export function pageText(path: string, page: number): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-raw', '-f', String(page), '-l', String(page), path, '-'], {
    encoding: 'utf8',
  })
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word of a page with its box, in points from the page's top left (pdftotext -bbox). */
export interface PageWord {
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Every page of a PDF: its size and its words, in pdftotext's reading order. */
export function pageWords(
  path: string,
): { readonly width: number; readonly height: number; readonly words: readonly PageWord[] }[] {
  const xml = execFileSync('pdftotext', ['-enc', 'UTF-8', '-bbox', path, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((page) => ({
    width: Number(page[1]),
    height: Number(page[2]),
    words: [
      ...(page[3] ?? '').matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ].map((word) => ({
      xMin: Number(word[1]),
      yMin: Number(word[2]),
      xMax: Number(word[3]),
      yMax: Number(word[4]),
      text: word[5] ?? '',
    })),
  }));
}

type QpdfValue = string | number | boolean | null | QpdfValue[] | { [key: string]: QpdfValue };

/**
 * A tagged PDF's structure as qpdf reads it (independently of this project's PDF code): the
 * root element's type, its children's types, the parent tree's keys and ParentTreeNextKey, and
 * each page's /StructParents.
 */
export function structureOf(path: string): {
  root: string;
  children: string[];
  parentTreeKeys: number[];
  nextKey: number;
  pageKeys: number[];
} {
  const json = JSON.parse(
    execFileSync('qpdf', ['--json=2', '--json-key=qpdf', path], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }),
  ) as { qpdf: [unknown, Record<string, { value?: QpdfValue }>] };
  const objects = json.qpdf[1];
  const get = (reference: QpdfValue | undefined): Record<string, QpdfValue> => {
    const value = objects[`obj:${String(reference)}`]?.value;
    if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))
      throw new Error(`no dictionary ${String(reference)} in ${path}`);
    return value;
  };
  const catalog = Object.values(objects)
    .map((object) => object.value)
    .find(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value) && value['/Type'] === '/Catalog',
    ) as Record<string, QpdfValue>;
  const structRoot = get(catalog['/StructTreeRoot']);
  const root = get(structRoot['/K']);
  const kids = Array.isArray(root['/K']) ? root['/K'] : [root['/K'] ?? null];
  const keys: number[] = [];
  const collect = (node: Record<string, QpdfValue>): void => {
    const nums = node['/Nums'];
    if (Array.isArray(nums)) for (let index = 0; index < nums.length; index += 2) keys.push(Number(nums[index]));
    const children = node['/Kids'];
    if (Array.isArray(children)) for (const kid of children) collect(get(kid));
  };
  collect(get(structRoot['/ParentTree']));
  const pageKeys: number[] = [];
  const pages = (node: Record<string, QpdfValue>): void => {
    const children = node['/Kids'];
    if (Array.isArray(children)) for (const kid of children) pages(get(kid));
    else pageKeys.push(Number(node['/StructParents']));
  };
  pages(get(catalog['/Pages']));
  return {
    root: String(root['/S']),
    children: kids.map((kid) => String(get(kid)['/S'])),
    parentTreeKeys: keys,
    nextKey: Number(structRoot['/ParentTreeNextKey']),
    pageKeys,
  };
}
