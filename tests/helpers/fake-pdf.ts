import { writePdf, type PdfObject } from '../../src/pdf/objects.js';

/**
 * A small but real PDF for stand-in printers: `pages` A4 pages whose content carries `label`
 * (so the bytes depend on what was "printed"), readable by every stage that reads PDFs
 * (finish, print marks, the pack's merge).
 */
export function fakePdf(pages: number, label: string): Uint8Array {
  const objects: PdfObject[] = [
    { value: '<</Type /Catalog /Pages 2 0 R>>' },
    { value: `<</Type /Pages /Count ${pages} /Kids [${Array.from({ length: pages }, (_, index) => `${3 + index * 2} 0 R`).join(' ')}]>>` },
  ];
  for (let page = 0; page < pages; page += 1) {
    const content = `% ${label.replace(/[\r\n]/g, ' ')}\n`;
    objects.push({ value: `<</Type /Page /Resources <<>> /MediaBox [0 0 594.95996 841.91998] /Contents ${4 + page * 2} 0 R /Parent 2 0 R>>` });
    objects.push({ value: `<</Length ${Buffer.byteLength(content, 'latin1')}>>`, stream: Buffer.from(content, 'latin1') });
  }
  return writePdf(objects, 1, undefined);
}

/** The pages a stand-in prints a briefing-pack sheet on (see templates/layouts/briefing-pack.hbs), or undefined for other pages. */
export function packSheetPages(html: string): number | undefined {
  const numbers = html.match(/class="pack-numbers__/g)?.length ?? 0;
  if (numbers > 0) return numbers;
  const contents = html.match(/class="pack-contents"/g)?.length ?? 0;
  return contents > 0 ? 1 + contents : undefined;
}
