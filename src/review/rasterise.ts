import { openWithPdfJs } from '../pdf/pdfjs.js';

/** A rendered page: RGBA pixels, four bytes a pixel, row by row. */
export interface PageImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** 90 dpi: a changed digit in 8 pt type spans several pixels and stays legible in the report; an A4 page is under a megapixel. */
export const RENDER_SCALE = 1.25;

/**
 * Pixels one page may be drawn with (16 MB of RGBA): a page larger than A3 at 90 dpi is drawn
 * smaller, so that a planted 14400 × 14400 pt page costs what an ordinary one does, not gigabytes.
 */
export const MAX_PAGE_PIXELS = 4_000_000;

/** The scale a page of this size (in points) is drawn at: RENDER_SCALE, or less to stay within the pixel budget. */
export function pageScale(width: number, height: number): number {
  const area = width * height;
  if (!(area > 0) || !Number.isFinite(area)) return RENDER_SCALE;
  return Math.min(RENDER_SCALE, Math.sqrt(MAX_PAGE_PIXELS / area) * 0.999);
}

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
  const document = await openWithPdfJs(bytes);
  const factory = document.canvasFactory as NodeCanvasFactory;
  return {
    pageCount: document.numPages,
    async render(pageNumber) {
      const page = await document.getPage(pageNumber);
      const size = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: pageScale(size.width, size.height) });
      const target = factory.create(Math.max(1, Math.ceil(viewport.width)), Math.max(1, Math.ceil(viewport.height)));
      try {
        await page.render({ canvas: target.canvas, canvasContext: target.context, viewport }).promise;
        const image = target.context.getImageData(0, 0, target.canvas.width, target.canvas.height);
        return {
          width: image.width,
          height: image.height,
          pixels: new Uint8Array(image.data.buffer, image.data.byteOffset, image.data.byteLength),
        };
      } finally {
        // The page's fonts stay parsed: the next page of the same PDF mostly uses them too.
        factory.destroy(target);
      }
    },
    close: () => document.destroy(),
  };
}
