import { writePdf, type PdfObject } from '../../src/pdf/objects.js';

/**
 * A small but real PDF for stand-in printers: `pages` A4 pages whose content carries `label`
 * (so the bytes depend on what was "printed"), readable by every stage that reads PDFs
 * (finish, print marks, the pack's merge), and tagged as Chromium tags a page: a Document
 * element with a paragraph per page, its marked content in the parent tree, /Lang and
 * DisplayDocTitle; so the build's PDF/UA-1 gate passes it as it passes a real print.
 * `fonts` are PostScript names (with subset tags) of embedded-looking Type 0 fonts in every page's resources.
 */
export function fakePdf(pages: number, label: string, fonts: readonly string[] = []): Uint8Array {
  const objects: PdfObject[] = [];
  const add = (value: string, stream?: Uint8Array): number =>
    objects.push(stream === undefined ? { value } : { value, stream });
  const catalog = add('null');
  const pageTree = add('null');
  const structRoot = add('null');
  const documentElement = add('null');
  const fontNumbers = fonts.map((baseFont) => {
    const cmap = Buffer.from('begincmap\n1 beginbfchar\n<0001> <0041>\nendbfchar\nendcmap\n', 'latin1');
    const toUnicode = add(`<</Length ${cmap.byteLength}>>`, cmap);
    const file = add('<</Length 4 /Length1 4>>', Buffer.from('font', 'latin1'));
    const descriptor = add(`<</Type /FontDescriptor /FontName /${baseFont} /FontFile2 ${file} 0 R>>`);
    const descendant = add(
      `<</Type /Font /Subtype /CIDFontType2 /BaseFont /${baseFont} /FontDescriptor ${descriptor} 0 R>>`,
    );
    return add(
      `<</Type /Font /Subtype /Type0 /BaseFont /${baseFont} /Encoding /Identity-H /DescendantFonts [${descendant} 0 R] /ToUnicode ${toUnicode} 0 R>>`,
    );
  });
  const fontResources = fontNumbers.map((number, index) => `/F${index + 1} ${number} 0 R`).join(' ');
  const pageNumbers: number[] = [];
  const paragraphs: number[] = [];
  const parentArrays: number[] = [];
  for (let page = 0; page < pages; page += 1) {
    const content = `/P <</MCID 0>> BDC\n% ${label.replace(/[\r\n]/g, ' ')}\nEMC\n`;
    const stream = add(`<</Length ${Buffer.byteLength(content, 'latin1')}>>`, Buffer.from(content, 'latin1'));
    const pageNumber = add(
      `<</Type /Page /Resources <<${fontResources === '' ? '' : `/Font <<${fontResources}>>`}>> /MediaBox [0 0 594.95996 841.91998] /Contents ${stream} 0 R /Parent ${pageTree} 0 R /StructParents ${page}>>`,
    );
    pageNumbers.push(pageNumber);
    const paragraph = add(`<</Type /StructElem /S /P /P ${documentElement} 0 R /Pg ${pageNumber} 0 R /K 0>>`);
    paragraphs.push(paragraph);
    parentArrays.push(add(`[${paragraph} 0 R]`));
  }
  const parentTree = add(`<</Nums [${parentArrays.map((array, index) => `${index} ${array} 0 R`).join(' ')}]>>`);
  objects[catalog - 1] = {
    value: `<</Type /Catalog /Pages ${pageTree} 0 R /MarkInfo <</Marked true>> /StructTreeRoot ${structRoot} 0 R /Lang (en) /ViewerPreferences <</DisplayDocTitle true>>>>`,
  };
  objects[pageTree - 1] = {
    value: `<</Type /Pages /Count ${pages} /Kids [${pageNumbers.map((number) => `${number} 0 R`).join(' ')}]>>`,
  };
  objects[structRoot - 1] = {
    value: `<</Type /StructTreeRoot /K ${documentElement} 0 R /ParentTree ${parentTree} 0 R /ParentTreeNextKey ${pages}>>`,
  };
  objects[documentElement - 1] = {
    value: `<</Type /StructElem /S /Document /P ${structRoot} 0 R /K [${paragraphs.map((number) => `${number} 0 R`).join(' ')}]>>`,
  };
  const info = add('<</Title (fake)>>');
  return writePdf(objects, catalog, info);
}

/** What a stand-in printer records a page as: its title, and which sheet of the pack or which edition it is. */
export function printedLabel(html: string): string {
  const title = /<title>(.*?)<\/title>/.exec(html)?.[1] ?? '';
  return html.includes('class="pack-numbers__')
    ? `${title} (page numbers)`
    : / pack-edition\b/.test(html)
      ? `${title} (pack edition)`
      : title;
}

/** The pages a stand-in prints a briefing-pack sheet on (see templates/layouts/briefing-pack.hbs), or undefined for other pages. */
export function packSheetPages(html: string): number | undefined {
  const numbers = html.match(/class="pack-numbers__/g)?.length ?? 0;
  if (numbers > 0) return numbers;
  const contents = html.match(/class="pack-contents"/g)?.length ?? 0;
  return contents > 0 ? 1 + contents : undefined;
}
