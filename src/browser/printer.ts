import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import { FactsheetsError } from '../errors.js';
import type { PrintedImage, PrintedPdf, PrintedTextSize } from '../model/documents.js';
import { findBrowser } from './find.js';
import { Pool } from './pool.js';
import { spawnBrowser, type BrowserProcess } from './process.js';
import { DeadlineError, firstLine, lifecycle, withDeadline, type Lifecycle } from './lifecycle.js';
import { printAttributed, SoloGate } from './crash-attribution.js';
import { processTreePssMb } from './memory.js';
import { FIT_OPTIONS, measureInPage } from './measure.js';

/** Prints HTML pages to PDF. The pipeline depends on this interface, so most tests need no browser. */
export interface Printer {
  print(html: string, options?: PrintOptions): Promise<PrintedPdf>;
  /** Opens every page of the pool and loads this document's fonts into it, ahead of the first prints. */
  warm?(html: string, fonts?: EmbeddedFonts): Promise<void>;
  close(): Promise<void>;
}

export interface PrintOptions {
  /** Structure tags and outline (default true); off for sheets drawn over other pages, which must add no structure. */
  readonly tagged?: boolean;
  /** The style sheet behind a short reference in the page's `<style data-fonts>` (see EmbeddedFonts). */
  readonly fonts?: EmbeddedFonts;
}

/**
 * The embedded fonts (hundreds of KB of CSS) and the short reference that pages carry instead:
 * a page is rendered with the reference, and the fonts go into a browser page only when it
 * does not have them yet, so that the full sheet is not copied into every document's HTML.
 */
export interface EmbeddedFonts {
  readonly reference: string;
  readonly css: string;
}

export interface PrinterOptions {
  /** Browser binary; undefined searches the usual places (see find-browser.ts). */
  readonly executable: string | undefined;
  /** Pages printing at once. */
  readonly pages: number;
  /** Deadline for loading and printing one document, in milliseconds. */
  readonly timeoutMs?: number;
  /** How many more times a document is tried after the browser crashed or hung on it. */
  readonly retries?: number;
  /** Replace the browser after this many documents (default 1000). */
  readonly browserRecycleAfter?: number;
  /** Replace the browser when its processes use more than this (PSS, MB; checked every 100 documents; default 900). */
  readonly memoryCeilingMb?: number;
  /** Connect to this running browser (ws://… endpoint or http://… DevTools address) instead of launching one. */
  readonly browserUrl?: string;
  /** A browser already started for this printer (see spawnBrowser): used first, relaunches start their own. */
  readonly started?: BrowserProcess;
}

/** Documents between two looks at the browser's memory. */
const MEMORY_CHECK_EVERY = 100;

/** A4 in CSS pixels (96 per inch): the viewport matches the printed page, so measurements do too. */
const A4_WIDTH_PX = 793.7;
const A4_HEIGHT_PX = 1122.5;
const PX_TO_MM = 25.4 / 96;
/** The least time a browser is given to start and answer (a cold start on a loaded CI machine). */
const BROWSER_START_MS = 30_000;

/**
 * One browser for the whole build, printing through a pool of reused pages (a new page per
 * document is several times slower). Pages run no scripts and may fetch nothing but inline `data:`
 * resources: every other request is blocked and reported. A browser that crashes or hangs
 * is killed and relaunched, and the documents it was printing are tried again.
 */
export async function connectPrinter(options: PrinterOptions): Promise<Printer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  // `--timeout` bounds one document; starting a browser on a busy machine can take longer than a
  // short per-document deadline, and a start that fails would fail every document it was to print.
  const startMs = Math.max(timeoutMs, BROWSER_START_MS);
  const retries = options.retries ?? 2;
  const remote = options.browserUrl;
  // Found when first needed: a browser already started for us needs no search until a relaunch.
  let executablePath: string | undefined;
  const browserPath = async (): Promise<string> => (executablePath ??= await locateBrowser(options.executable));
  let started = options.started;
  const start = (): Promise<Session> => {
    if (remote !== undefined) return connectSession(remote, options.pages, timeoutMs);
    const chromium = started;
    started = undefined;
    if (chromium !== undefined) return startSession(chromium, options.pages, timeoutMs, startMs);
    return browserPath().then((path) =>
      startSession(spawnBrowser(path, options.pages), options.pages, timeoutMs, startMs),
    );
  };
  let session = await start();
  let restarting: Promise<Session> | undefined;
  const gate = new SoloGate();

  // Long runs: a fresh browser after many documents or past a memory ceiling; the old one
  // finishes the documents it has and then closes.
  const recycleAfter = options.browserRecycleAfter ?? 1000;
  const ceilingMb = options.memoryCeilingMb ?? 900;
  let printedHere = 0;
  const recycleIfDue = async (current: Session): Promise<void> => {
    if (current !== session || restarting !== undefined) return;
    printedHere += 1;
    // Reading PSS costs the kernel real time per check (smaps_rollup of every browser process): not too often.
    const due =
      printedHere >= recycleAfter || (printedHere % MEMORY_CHECK_EVERY === 0 && (current.memoryMb() ?? 0) > ceilingMb);
    if (!due) return;
    printedHere = 0;
    restarting = start();
    try {
      session = await restarting;
    } finally {
      restarting = undefined;
    }
    current.retire();
  };

  /** Replaces a failed session once, however many documents noticed the failure. */
  const restart = async (failed: Session): Promise<void> => {
    if (session !== failed) return;
    restarting ??= (async () => {
      failed.kill();
      return start();
    })();
    try {
      session = await restarting;
    } finally {
      restarting = undefined;
    }
  };

  return {
    async print(html, printOptions) {
      let current = session;
      return printAttributed(
        gate,
        retries,
        async () => {
          current = session;
          current.inFlight += 1;
          try {
            const printed = await withDeadline(
              current.pool.use((page) => printOn(page, html, printOptions?.tagged ?? true, printOptions?.fonts)),
              timeoutMs,
            );
            await recycleIfDue(current);
            return printed;
          } finally {
            current.inFlight -= 1;
            if (current.retired && current.inFlight === 0) void current.close();
          }
        },
        () => restart(current),
      );
    },
    async warm(html, fonts) {
      const declared = FONTS_ELEMENT.exec(html)?.[1];
      if (declared !== undefined)
        await session.pool.fill((page) => loadFonts(page, declared, fontsCss(declared, fonts)));
    },
    async close() {
      await session.close();
    },
  };
}

/**
 * The system's browser, else the one Puppeteer downloaded (if any): the full `puppeteer`
 * package, with its configuration and download code, loads only in that case.
 */
async function locateBrowser(explicit: string | undefined): Promise<string> {
  try {
    return findBrowser(explicit, () => undefined);
  } catch (error) {
    if (explicit !== undefined) throw error;
    const own = await import('puppeteer').then(
      (module) => module.default.executablePath(),
      () => undefined,
    );
    return findBrowser(undefined, () => own);
  }
}

/** A browser and its page pool; `inFlight`/`retired` let a replaced one finish its last documents. */
interface Session extends Lifecycle {
  readonly pool: Pool<PooledPage>;
  close(): Promise<void>;
  /** Ends the browser at once, even a hung one (close() would wait for it). */
  kill(): void;
  /** Memory of the browser's processes (PSS, MB), where it can be read (a local browser on Linux). */
  memoryMb(): number | undefined;
}

async function startSession(
  chromium: BrowserProcess,
  pages: number,
  timeoutMs: number,
  startMs: number,
): Promise<Session> {
  let browser: Browser;
  try {
    const connecting = puppeteer.connect({
      transport: chromium.transport,
      // Connecting asks the browser for its targets: a call bounded by the start's time, not a page's
      // (with --timeout 3 a relaunch on a loaded machine timed out there). Pages keep their own deadlines.
      protocolTimeout: Math.max(timeoutMs * 2, startMs),
      defaultViewport: null,
    });
    browser = await withDeadline(Promise.race([connecting, chromium.failed]), startMs).catch((error: unknown) => {
      throw error instanceof DeadlineError
        ? new FactsheetsError(`the browser could not start: no answer within ${startMs / 1000} s`, { stage: 'print' })
        : error;
    });
  } catch (error) {
    chromium.kill();
    if (error instanceof FactsheetsError) throw error;
    throw new FactsheetsError(`the browser could not start: ${firstLine(error)}`, { stage: 'print', cause: error });
  }
  const session: Session = {
    ...lifecycle(() => session.close()),
    memoryMb: () => (chromium.pid === undefined ? undefined : processTreePssMb(chromium.pid)),
    // The browser's first tab becomes the pool's first page (one renderer fewer to start).
    pool: pagePool(browser, pages, timeoutMs, (await browser.pages())[0]),
    close: async () => {
      // Our own browser, with a throwaway profile: nothing in it to save, so it is ended at
      // once rather than shut down gracefully, which would add to the end of every build.
      await browser.disconnect().catch(() => undefined);
      chromium.kill();
      await chromium.exited;
    },
    kill: () => {
      chromium.kill();
      void browser.disconnect().catch(() => undefined);
    },
  };
  return session;
}

/**
 * A browser someone else runs (a browserless container, a pool behind a load balancer):
 * connect, print through our own pages, and at the end close those pages and disconnect.
 * It is never closed or killed: after a failure, the session just reconnects.
 */
async function connectSession(url: string, pages: number, timeoutMs: number): Promise<Session> {
  let browser: Browser;
  try {
    browser = await puppeteer.connect({
      ...(url.startsWith('ws') ? { browserWSEndpoint: url } : { browserURL: url }),
      protocolTimeout: timeoutMs * 2,
    });
  } catch (error) {
    throw new FactsheetsError(`cannot connect to the browser at ${url}: ${firstLine(error)}`, {
      stage: 'print',
      hint: 'Check that the browser service is running and that the URL is its DevTools endpoint (--browser-url or FACTSHEETS_BROWSER_URL).',
      cause: error,
    });
  }
  const pool = pagePool(browser, pages, timeoutMs);
  const leave = async (): Promise<void> => {
    await pool.closeAll();
    await browser.disconnect().catch(() => undefined);
  };
  return { ...lifecycle(leave), pool, close: leave, kill: () => void leave(), memoryMb: () => undefined };
}

interface PooledPage {
  readonly page: Page;
  /** URLs the current document tried to load. */
  blocked: string[];
  /** The font style sheet loaded in this page, kept from one document to the next. */
  fonts: string | undefined;
}

/** Pages per browser printing at once, each replaced after this many documents. */
const PAGE_RECYCLE_AFTER = 100;

/** A pool of configured pages: no scripts, A4 viewport, print media, every request intercepted. */
function pagePool(browser: Browser, size: number, timeoutMs: number, firstTab?: Page): Pool<PooledPage> {
  let adopt = firstTab;
  return new Pool<PooledPage>(
    size,
    async () => {
      const page = adopt ?? (await browser.newPage());
      adopt = undefined;
      const pooled: PooledPage = { page, blocked: [], fonts: undefined };
      page.setDefaultTimeout(timeoutMs);
      await page.setJavaScriptEnabled(false);
      await page.setViewport({ width: Math.round(A4_WIDTH_PX), height: Math.round(A4_HEIGHT_PX) });
      await page.emulateMediaType('print');
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        // Inline resources (fonts, images as data: URIs) are the only ones a document needs.
        if (request.url().startsWith('data:')) {
          void request.continue();
          return;
        }
        pooled.blocked.push(request.url());
        void request.abort('blockedbyclient');
      });
      return pooled;
    },
    (pooled) => pooled.page.close(),
    PAGE_RECYCLE_AFTER,
  );
}

/** `<style data-fonts>…</style>`: the embedded fonts, which pages keep loaded between documents. */
const FONTS_ELEMENT = /<style data-fonts>([\s\S]*?)<\/style>/;

/**
 * Loads a font style sheet into an idle page, so that its first document is swapped in rather
 * than parsed whole. Faces decode when a document first uses them: not every face is needed.
 */
async function loadFonts(pooled: PooledPage, declared: string, css: string): Promise<void> {
  if (pooled.fonts === declared) return;
  await pooled.page.setContent(
    `<!DOCTYPE html><html><head><style data-fonts>${css}</style></head><body></body></html>`,
    { waitUntil: 'load' },
  );
  pooled.fonts = declared;
}

/** The CSS a page's fonts element stands for: the embedded fonts if it holds their reference, else what it holds. */
function fontsCss(declared: string, fonts: EmbeddedFonts | undefined): string {
  return fonts !== undefined && declared === fonts.reference ? fonts.css : declared;
}

async function printOn(
  pooled: PooledPage,
  html: string,
  tagged: boolean,
  embedded: EmbeddedFonts | undefined,
): Promise<PrintedPdf> {
  const { page } = pooled;
  pooled.blocked = [];
  const fonts = FONTS_ELEMENT.exec(html)?.[1];
  if (fonts !== undefined && fonts === pooled.fonts) {
    // The same fonts as the page's last document: swap in the rest of the head and the body,
    // and skip parsing and decoding the fonts again (most of a page's set-up time).
    // DOMParser documents are inert: nothing in them runs, and scripts are off anyway.
    await page.evaluate(
      async (document_) => {
        const parsed = new DOMParser().parseFromString(document_, 'text/html');
        document.documentElement.lang = parsed.documentElement.lang;
        // The direction too: a right-to-left edition mirrors its page (and the next one must not).
        document.documentElement.dir = parsed.documentElement.dir;
        for (const node of [...document.head.childNodes]) {
          if (!(node instanceof HTMLStyleElement && node.hasAttribute('data-fonts'))) node.remove();
        }
        for (const node of [...parsed.head.childNodes]) {
          if (!(node instanceof HTMLStyleElement && node.hasAttribute('data-fonts')))
            document.head.append(document.adoptNode(node));
        }
        document.body.replaceWith(document.adoptNode(parsed.body));
        await Promise.all([...document.images].map((image) => image.decode().catch(() => undefined)));
      },
      html.replace(FONTS_ELEMENT, '<style data-fonts></style>'),
    );
  } else {
    // 'load' waits for inline fonts and images; never 'networkidle' (slow, and it hangs on reused pages).
    const css = fonts === undefined ? undefined : fontsCss(fonts, embedded);
    await page.setContent(
      css === undefined || css === fonts ? html : html.replace(FONTS_ELEMENT, () => `<style data-fonts>${css}</style>`),
      { waitUntil: 'load' },
    );
    pooled.fonts = fonts;
  }
  const measured = await page.evaluate(async () => {
    // document.fonts.ready alone is not enough: it can resolve before layout has asked for the
    // faces a swapped-in document uses, and the page would print in a fallback font. Every
    // declared face is loaded (each page keeps them between documents; only the glyphs a
    // document uses are embedded), then the page waits for any other loading.
    await Promise.all(
      [...document.fonts].map((face) => (face.status === 'loaded' ? undefined : face.load().catch(() => undefined))),
    );
    await document.fonts.ready;
    const failedFonts = [...document.fonts].filter((face) => face.status === 'error').map((face) => face.family);
    // Soft hyphens (the build's break points) are not text: they print nothing unless a line
    // breaks there, and then Chromium draws a hyphen instead.
    const unhyphenated = (text: string | null): string => (text ?? '').replace(/\u00AD/g, '');
    // All text of the body, SVG included, but not style sheets; plus the title (PDF metadata).
    let text = unhyphenated(document.title);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      if (walker.currentNode.parentElement?.closest('style, script') === null)
        text += `\n${unhyphenated(walker.currentNode.nodeValue)}`;
    }
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((heading) =>
      unhyphenated(heading.textContent).replace(/\s+/g, ' ').trim(),
    );
    return { height: document.documentElement.getBoundingClientRect().height, failedFonts, text, headings };
  });
  if (measured.failedFonts.length > 0) {
    throw new FactsheetsError(`fonts failed to load: ${[...new Set(measured.failedFonts)].join(', ')}`, {
      stage: 'finish',
      hint: 'Check the @font-face rules: fonts must be inline (data: URIs) to load.',
    });
  }
  // A one-page layout is fitted to its page (see measure.ts), and content wider than the page,
  // which Chromium would shrink the whole document for, is found rather than printed so.
  const { fit, tooWide, budget } = await page.evaluate(measureInPage, FIT_OPTIONS);
  const [images, textSizes] = await Promise.all([page.evaluate(measureImages), page.evaluate(measureTextSizes)]);
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged, outline: tagged });
  return {
    bytes,
    fit,
    tooWide,
    ...(budget === undefined ? {} : { budget }),
    overflowMm: fit === undefined ? (measured.height - A4_HEIGHT_PX) * PX_TO_MM : -fit.roomMm,
    blockedRequests: [...pooled.blocked],
    images,
    textSizes,
    text: measured.text,
    headings: measured.headings,
  };
}

/**
 * Each raster image as the page prints it, once fitted: its pixels and its printed size in CSS
 * pixels (96 to the inch), and the file it came from (its data: URI's name). Runs in the page.
 * Vector images (SVG) have no resolution to check.
 */
function measureImages(): PrintedImage[] {
  return [...document.images].flatMap((image) => {
    const box = image.getBoundingClientRect();
    if (image.naturalWidth === 0 || box.width === 0 || image.src.startsWith('data:image/svg')) return [];
    const name = /^data:[^;,]*;name=([^;,]*)[;,]/.exec(image.src.slice(0, 2048))?.[1];
    return [
      {
        name: name === undefined ? '' : decodeURIComponent(name),
        pixelsWide: image.naturalWidth,
        pixelsHigh: image.naturalHeight,
        printedWidthPx: box.width,
        printedHeightPx: box.height,
      },
    ];
  });
}

/**
 * The size each run of text prints at, in points, smallest first and one per size and place:
 * HTML text by its computed size, SVG text (charts) by its size times the SVG's scale on the
 * page, which CSS cannot see (a chart in a narrow column shrinks its labels). Runs in the page.
 */
function measureTextSizes(): PrintedTextSize[] {
  const found = new Map<string, PrintedTextSize>();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    // Soft hyphens are the build's break points, not text.
    const text = (node.nodeValue ?? '')
      .replace(/\u00AD/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (element === null || text === '' || element.closest('style, script, [hidden], [aria-hidden="true"]') !== null)
      continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(element).visibility === 'hidden') continue;
    let px = parseFloat(getComputedStyle(element).fontSize);
    if (element instanceof SVGElement && element instanceof SVGGraphicsElement) {
      const matrix = element.getScreenCTM();
      if (matrix !== null) px *= Math.hypot(matrix.a, matrix.b);
    }
    const pt = Math.round(((px * 72) / 96) * 10) / 10;
    const where = `${element.tagName.toLowerCase()}${element.classList.length === 0 ? '' : `.${[...element.classList].join('.')}`}`;
    const key = `${pt} ${where}`;
    if (!found.has(key)) found.set(key, { pt, where, sample: text.slice(0, 60), inProse: false });
  }
  // The prose's body text: each paragraph, list item and quote of the fitted prose at its own
  // size (its code, footnote marks and tables are not body text).
  for (const block of document.querySelectorAll('[data-fit-prose] :is(p, li, blockquote)')) {
    const text = (block.textContent ?? '')
      .replace(/\u00AD/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (text === '' || block.getBoundingClientRect().height === 0) continue;
    const pt = Math.round(((parseFloat(getComputedStyle(block).fontSize) * 72) / 96) * 10) / 10;
    const where = block.tagName.toLowerCase();
    if (!found.has(`prose ${pt} ${where}`))
      found.set(`prose ${pt} ${where}`, { pt, where, sample: text.slice(0, 60), inProse: true });
  }
  return [...found.values()].sort((a, b) => a.pt - b.pt);
}
