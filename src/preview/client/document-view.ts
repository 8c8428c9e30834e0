import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';
import type { ErrorList, PreviewDocument } from '../state.js';
import { element, moreErrors } from './dom.js';

type PdfJs = typeof import('pdfjs-dist');

/** Served by the preview from the pdfjs-dist package. */
const PDFJS_URL = '/pdfjs/pdf.min.mjs';
const PDFJS_WORKER_URL = '/pdfjs/pdf.worker.min.mjs';
/** Widest a page is drawn, in CSS pixels. */
const MAX_PAGE_WIDTH = 900;

let pdfjs: Promise<{ readonly lib: PdfJs; readonly worker: PDFWorker }> | undefined;

/** pdf.js and one worker, started once and kept: each redraw then costs only the drawing. */
function loadPdfJs(): Promise<{ readonly lib: PdfJs; readonly worker: PDFWorker }> {
  pdfjs ??= (import(PDFJS_URL) as Promise<PdfJs>).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = PDFJS_WORKER_URL;
    return { lib, worker: new lib.PDFWorker() };
  });
  return pdfjs;
}

/**
 * The open document: its PDF's pages drawn by pdf.js, and the errors of its last build over
 * them. A new version is drawn off screen and swapped in page by page, so the pages never
 * blank and the scroll position stays where the reader left it.
 */
export class DocumentView {
  private shown: { readonly name: string; readonly version: number } | undefined;
  private drawing = 0;
  private paints = 0;

  constructor(
    private readonly pages: HTMLElement,
    private readonly overlay: HTMLElement,
    private readonly title: HTMLElement,
  ) {}

  show(document: PreviewDocument | undefined): void {
    this.title.textContent = document === undefined ? 'No documents yet' : `${document.name} · ${document.output}`;
    this.showErrors(document?.status === 'failed' ? document.errors : { shown: [], total: 0 });
    if (document === undefined || !document.hasPdf) {
      this.shown = undefined;
      this.pages.replaceChildren();
      return;
    }
    if (this.shown?.name === document.name && this.shown.version === document.version) return;
    if (this.shown?.name !== document.name) {
      this.pages.replaceChildren();
      this.pages.parentElement?.scrollTo(0, 0);
    }
    this.shown = { name: document.name, version: document.version };
    this.drawing += 1;
    void this.draw(document, this.drawing).catch((error: unknown) => {
      this.showErrors({
        shown: [
          {
            position: document.output,
            message: `the preview could not draw this PDF: ${error instanceof Error ? error.message : String(error)}`,
          },
        ],
        total: 1,
      });
    });
  }

  /** Draws the open document again on the next show, in place. */
  forgetVersion(): void {
    if (this.shown !== undefined) this.shown = { name: this.shown.name, version: -1 };
  }

  private showErrors(errors: ErrorList): void {
    this.overlay.hidden = errors.total === 0;
    const items = errors.shown.map((error) => {
      const item = element('li');
      item.dataset['line'] = error.line === undefined ? '' : String(error.line);
      item.append(element('span', error.position, 'position'), element('span', error.message, 'message'));
      if (error.hint !== undefined) item.append(element('span', error.hint, 'hint'));
      return item;
    });
    this.overlay.querySelector('ul')?.replaceChildren(...items, ...moreErrors(errors));
  }

  private async draw(document: PreviewDocument, drawing: number): Promise<void> {
    const started = now();
    const [{ lib, worker }, bytes] = await Promise.all([loadPdfJs(), fetchPdf(document)]);
    const pdf = await lib.getDocument({ data: bytes, worker, isEvalSupported: false }).promise;
    try {
      for (let number = 1; number <= pdf.numPages; number += 1) {
        const canvas = await this.drawPage(pdf, number);
        if (drawing !== this.drawing) return;
        const old = this.pages.children[number - 1];
        if (old === undefined) this.pages.append(canvas);
        else old.replaceWith(canvas);
      }
      while (this.pages.children.length > pdf.numPages) this.pages.lastElementChild?.remove();
      this.markPainted(document, started);
    } finally {
      await pdf.destroy();
    }
  }

  private async drawPage(pdf: PDFDocumentProxy, number: number): Promise<HTMLCanvasElement> {
    const page = await pdf.getPage(number);
    const cssWidth = Math.min(MAX_PAGE_WIDTH, Math.max(200, this.pages.clientWidth - 48));
    const scale = (cssWidth / page.getViewport({ scale: 1 }).width) * (window.devicePixelRatio || 1);
    const viewport = page.getViewport({ scale });
    const canvas = element('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.style.width = `${cssWidth}px`;
    canvas.dataset['page'] = String(number);
    await page.render({ canvas, viewport }).promise;
    return canvas;
  }

  /**
   * Records when the new pages reach the screen (the next frame) and when drawing them
   * started, for the tests and the benchmark.
   */
  private markPainted(document: PreviewDocument, started: number): void {
    requestAnimationFrame(() => {
      this.paints += 1;
      this.pages.dataset['document'] = document.name;
      this.pages.dataset['version'] = String(document.version);
      this.pages.dataset['drawStartedAt'] = String(started);
      this.pages.dataset['paintedAt'] = String(now());
      this.pages.dataset['paints'] = String(this.paints);
    });
  }
}

/** Milliseconds since 1970 with the fraction, comparable across processes on this machine. */
function now(): number {
  return performance.timeOrigin + performance.now();
}

async function fetchPdf(document: PreviewDocument): Promise<Uint8Array> {
  const response = await fetch(`/pdf/${document.output}?v=${document.version}`);
  if (!response.ok) throw new Error(`${response.status} for ${document.output}`);
  return new Uint8Array(await response.arrayBuffer());
}
