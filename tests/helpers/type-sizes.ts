import { readFile } from 'node:fs/promises';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

/** A run of text as a PDF prints it: its page, its words and its size in points. */
export interface PrintedRun {
  readonly page: number;
  readonly text: string;
  readonly sizePt: number;
}

/**
 * Every run of text in a PDF with the size it prints at, read with pdf.js: the font matrix
 * times the text matrix, so a size set in CSS, an SVG scaled down or a transform all count.
 */
export async function printedRuns(path: string): Promise<PrintedRun[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = new Uint8Array(await readFile(path));
  const pdf: PDFDocumentProxy = await getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  try {
    const runs: PrintedRun[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const { items } = await (await pdf.getPage(number)).getTextContent();
      for (const item of items) {
        if (!('transform' in item) || item.str.trim() === '') continue;
        const [, , c = 0, d = 0] = item.transform as number[];
        runs.push({ page: number, text: item.str, sizePt: Math.round(Math.hypot(c, d) * 100) / 100 });
      }
    }
    return runs;
  } finally {
    await pdf.destroy();
  }
}
