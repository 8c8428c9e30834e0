import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactsheetsError } from '../../src/errors.js';
import { mergePdfs } from '../../src/pdf/merge.js';
import {
  dictEntry,
  mapReferences,
  readPdf,
  refEntry,
  refList,
  writePdf,
  type PdfObject,
} from '../../src/pdf/objects.js';
import { appendUpdate, fromLatin1, latin1 } from '../../src/pdf/update.js';
import { tempDir } from '../helpers/content.js';

/**
 * A small tagged PDF shaped like Chromium's: catalog 1, pages 2, page 3 (its content 4, a
 * font 5), structure root 6 → Document 7 → P 8 (ID `(node0001)`), parent tree 9, ID tree 10,
 * outline 11 with one item 12, titled `title`.
 */
function taggedPdf(title: string, text: string): Uint8Array {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects: PdfObject[] = [
    { value: '<</Type /Catalog /Pages 2 0 R /StructTreeRoot 6 0 R /Outlines 11 0 R /MarkInfo <</Marked true>>>>' },
    { value: '<</Type /Pages /Count 1 /Kids [3 0 R]>>' },
    {
      value:
        '<</Type /Page /Resources <</Font <</F1 5 0 R>>>> /MediaBox [0 0 595 842] /Contents 4 0 R /StructParents 0 /Parent 2 0 R>>',
    },
    { value: `<</Length ${content.length}>>`, stream: Buffer.from(content, 'latin1') },
    { value: '<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>' },
    { value: '<</Type /StructTreeRoot /K 7 0 R /ParentTree 9 0 R /ParentTreeNextKey 1 /IDTree 10 0 R>>' },
    { value: '<</Type /StructElem /S /Document /Lang (en) /P 6 0 R /K [8 0 R]>>' },
    { value: '<</Type /StructElem /S /P /ID (node0001) /P 7 0 R /Pg 3 0 R /K 0>>' },
    { value: '<</Nums [0 [8 0 R]]>>' },
    { value: '<</Kids [13 0 R]>>' },
    { value: '<</Type /Outlines /First 12 0 R /Last 12 0 R /Count 1>>' },
    { value: `<</Title (${title}) /Dest [3 0 R /XYZ 0 842 0] /Parent 11 0 R /SE 8 0 R>>` },
    { value: '<</Limits [(node0001) (node0001)] /Names [(node0001) 8 0 R]>>' },
  ];
  return writePdf(objects, 1, undefined);
}

/** An untagged PDF of `pages` pages, each drawing its number. */
function overlayPdf(pages: number): Uint8Array {
  const objects: PdfObject[] = [
    { value: '<</Type /Catalog /Pages 2 0 R>>' },
    {
      value: `<</Type /Pages /Count ${pages} /Kids [${Array.from({ length: pages }, (_, index) => `${4 + index * 2} 0 R`).join(' ')}]>>`,
    },
    { value: '<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>' },
  ];
  for (let page = 1; page <= pages; page += 1) {
    const content = `BT /F9 8 Tf 290 20 Td (${page}) Tj ET`;
    objects.push({
      value: `<</Type /Page /Resources <</Font <</F9 3 0 R>>>> /MediaBox [0 0 595 842] /Contents ${5 + (page - 1) * 2} 0 R /Parent 2 0 R>>`,
    });
    objects.push({ value: `<</Length ${content.length}>>`, stream: Buffer.from(content, 'latin1') });
  }
  return writePdf(objects, 1, undefined);
}

function objectValue(pdf: ReturnType<typeof readPdf>, number: number | undefined): string {
  return (number === undefined ? undefined : pdf.objects.get(number)?.value) ?? '';
}

describe('PDF objects', () => {
  it('maps references outside strings only, and not the digits of names', () => {
    const value = '<</F4 4 0 R /T (see 12 0 R \\) 3 0 R) /H <0A0B> /K [1 0 R 2 0 R] /N 7>>';
    expect(mapReferences(value, (number) => `${number * 10} 0 R`)).toBe(
      '<</F4 40 0 R /T (see 12 0 R \\) 3 0 R) /H <0A0B> /K [10 0 R 20 0 R] /N 7>>',
    );
  });

  it('reads the newest definition of each object after incremental updates, and streams by their length', () => {
    const original = taggedPdf('First', 'Hello');
    const updated = fromLatin1(
      appendUpdate(latin1(original), new Map([[12, '<</Title (Second) /Dest [3 0 R /XYZ 0 842 0] /Parent 11 0 R>>']])),
    );
    const pdf = readPdf(updated, 'doc.pdf');
    expect(objectValue(pdf, 12)).toContain('(Second)');
    expect(Buffer.from(pdf.objects.get(4)?.stream ?? []).toString('latin1')).toBe(
      'BT /F1 12 Tf 72 720 Td (Hello) Tj ET',
    );
    expect(refEntry(objectValue(pdf, pdf.root), 'Pages')).toBe(2);
    expect(refList(objectValue(pdf, 2), 'Kids')).toEqual([3]);
  });

  it('finds a nested dictionary entry whole', () => {
    const value = '<</Type /Page /Resources <</Font <</F1 5 0 R>> /ExtGState <</G1 6 0 R>>>> /MediaBox [0 0 1 1]>>';
    expect(dictEntry(value, 'Resources')?.text).toBe('<</Font <</F1 5 0 R>> /ExtGState <</G1 6 0 R>>>>');
  });

  it('refuses a file that is not a PDF it can read, naming it', () => {
    expect(() => readPdf(new TextEncoder().encode('not a pdf'), 'countries/mali.pdf')).toThrow(FactsheetsError);
    expect(() => readPdf(new TextEncoder().encode('not a pdf'), 'countries/mali.pdf')).toThrow(
      /cannot read countries\/mali\.pdf: no startxref/,
    );
  });
});

describe('mergePdfs', () => {
  const merged = mergePdfs({
    parts: [
      { name: 'a.pdf', bytes: taggedPdf('Alpha', 'A') },
      { name: 'b.pdf', bytes: taggedPdf('Beta', 'B') },
    ],
    overlay: { name: 'numbers.pdf', bytes: overlayPdf(2), firstPage: 2 },
    info: '<</Title (Pack)>>',
    lang: '(en)',
  });
  const pdf = readPdf(merged, 'merged.pdf');
  const catalog = objectValue(pdf, pdf.root);
  const pages = refList(objectValue(pdf, refEntry(catalog, 'Pages')), 'Kids');
  const structRoot = objectValue(pdf, refEntry(catalog, 'StructTreeRoot'));
  const documentElement = objectValue(pdf, refEntry(structRoot, 'K'));

  it('is a valid PDF (qpdf --check) with every page, in order', async () => {
    const file = join(await tempDir('factsheets-merge-'), 'merged.pdf');
    await writeFile(file, merged);
    expect(() => execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).not.toThrow();
    expect(pages).toHaveLength(2);
    const contents = pages.map((page) =>
      refList(objectValue(pdf, page), 'Contents')
        .map((stream) => Buffer.from(pdf.objects.get(stream)?.stream ?? []).toString('latin1'))
        .join('\n'),
    );
    expect(contents[0]).toContain('(A) Tj');
    expect(contents[1]).toContain('(B) Tj');
  });

  it("makes one Document of the parts, each document's root a Part of it", () => {
    expect(documentElement).toMatch(/\/S \/Document/);
    const parts = refList(documentElement, 'K').map((part) => objectValue(pdf, part));
    expect(parts.map((part) => /\/S \/(\w+)/.exec(part)?.[1])).toEqual(['Part', 'Part']);
    for (const part of parts) expect(refEntry(part, 'P')).toBe(refEntry(structRoot, 'K'));
  });

  it("moves the second document's parent-tree keys past the first's, on its pages too", () => {
    expect(structRoot).toContain('/ParentTreeNextKey 2');
    const tree = objectValue(pdf, refEntry(structRoot, 'ParentTree'));
    expect([...tree.matchAll(/(\d+) \[\d+ 0 R\]/g)].map((match) => Number(match[1]))).toEqual([0, 1]);
    expect(pages.map((page) => /\/StructParents (\d+)/.exec(objectValue(pdf, page))?.[1])).toEqual(['0', '1']);
  });

  it('prefixes element IDs per document, so equal IDs of two documents stay apart', () => {
    const ids = objectValue(pdf, refEntry(structRoot, 'IDTree'));
    expect(ids).toMatch(/^<<\/Names \[\(d0001node0001\) \d+ 0 R \(d0002node0001\) \d+ 0 R\]>>$/);
  });

  it("chains the documents' outlines into one", () => {
    const outlines = objectValue(pdf, refEntry(catalog, 'Outlines'));
    expect(outlines).toContain('/Count 2');
    const first = objectValue(pdf, refEntry(outlines, 'First'));
    const second = objectValue(pdf, refEntry(first, 'Next'));
    expect([first, second].map((item) => /\/Title \((\w+)\)/.exec(item)?.[1])).toEqual(['Alpha', 'Beta']);
    expect(refEntry(second, 'Prev')).toBe(refEntry(outlines, 'First'));
    expect(refEntry(second, 'Dest') ?? refList(second, 'Dest')[0]).toBe(pages[1]);
  });

  it("draws the overlay from its first page on, as a pagination artifact after the page's own content", () => {
    expect(objectValue(pdf, pages[0])).not.toContain('FactsheetsOverlay');
    const page = objectValue(pdf, pages[1]);
    const form = pdf.objects.get(refEntry(dictEntry(page, 'Resources')?.text ?? '', 'FactsheetsOverlay') ?? 0);
    expect(form?.value).toMatch(/\/Subtype \/Form/);
    expect(Buffer.from(form?.stream ?? []).toString('latin1')).toContain('(2) Tj');
    const streams = refList(page, 'Contents').map((stream) =>
      Buffer.from(pdf.objects.get(stream)?.stream ?? []).toString('latin1'),
    );
    expect(streams[0]).toBe('q\n');
    expect(streams.at(-1)).toBe('Q\n/Artifact <</Type /Pagination>> BDC\n/FactsheetsOverlay Do\nEMC\n');
  });

  it('refuses an overlay whose pages do not match', () => {
    expect(() =>
      mergePdfs({
        parts: [{ name: 'a.pdf', bytes: taggedPdf('Alpha', 'A') }],
        overlay: { name: 'numbers.pdf', bytes: overlayPdf(3), firstPage: 1 },
        info: '<<>>',
        lang: '(en)',
      }),
    ).toThrow(/the page-number overlay has 3 pages for 1 pages of documents/);
  });
});
