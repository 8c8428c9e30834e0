import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

/**
 * Opens a PDF with pdf.js, locked down: no scripts, no system fonts (the PDFs embed their own),
 * no console. Loaded on first use, so that a build or review that needs no pdf.js never pays for it.
 */
export async function openWithPdfJs(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given (and wants a plain Uint8Array, not a Buffer): it gets a copy.
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  return getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 })
    .promise;
}
