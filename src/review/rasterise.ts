import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

/** A rendered page: RGBA pixels, four bytes a pixel, row by row. */
export interface PageImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** 90 dpi: a changed digit in 8 pt type spans several pixels and stays legible in the report; an A4 page is under a megapixel. */
export const RENDER_SCALE = 1.25;

/** The canvas pdf.js makes for itself in Node (with @napi-rs/canvas); only what we use of it. */
interface NodeCanvasFactory {
  create(width: number, height: number): { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D };
  destroy(canvasAndContext: { canvas: HTMLCanvasElement; context: CanvasRenderingContext2D }): void;
}

/** An open PDF whose pages can be rendered one by one; close it when done. */
export interface RasterisedPdf {
  readonly pageCount: number;
  render(pageNumber: number): Promise<PageImage>;
  close(): Promise<void>;
}

/**
 * Opens a PDF with pdf.js (no scripts, no system fonts: the PDFs embed their own). Loaded
 * only when a review has a changed PDF, so that a review without one never pays for it.
 */
export async function openForRendering(bytes: Uint8Array): Promise<RasterisedPdf> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given (and wants a plain Uint8Array, not a Buffer): it gets a copy.
  const data = new Uint8Array(bytes.byteLength);
  data.set(bytes);
  const document: PDFDocumentProxy = await getDocument({ data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const factory = document.canvasFactory as NodeCanvasFactory;
  return {
    pageCount: document.numPages,
    async render(pageNumber) {
      const page = await document.getPage(pageNumber);
      const viewport = page.getViewport({ scale: RENDER_SCALE });
      const target = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      try {
        await page.render({ canvas: target.canvas, canvasContext: target.context, viewport }).promise;
        const image = target.context.getImageData(0, 0, target.canvas.width, target.canvas.height);
        return { width: image.width, height: image.height, pixels: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength) };
      } finally {
        // The page's fonts stay parsed: the next page of the same PDF mostly uses them too.
        factory.destroy(target);
      }
    },
    close: () => document.destroy(),
  };
}
