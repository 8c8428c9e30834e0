import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer';
import { FactsheetsError } from '../errors.js';
import type { PrintedPdf } from '../types.js';
import { findBrowser } from './find-browser.js';

/** Prints HTML pages to PDF. The pipeline depends on this interface, so most tests need no browser. */
export interface Printer {
  print(html: string): Promise<PrintedPdf>;
  close(): Promise<void>;
}

export interface PrinterOptions {
  /** Browser binary; undefined searches the usual places (see find-browser.ts). */
  readonly executable: string | undefined;
  /** Pages printing at once. */
  readonly pages: number;
  /** Per-document deadline for loading and printing, in milliseconds. */
  readonly timeoutMs?: number;
}

/** A4 in CSS pixels (96 per inch): the viewport matches the printed page, so measurements do too. */
const A4_WIDTH_PX = 793.7;
const A4_HEIGHT_PX = 1122.5;
const PX_TO_MM = 25.4 / 96;

/** Flags measured to work headless on servers; `--no-sandbox` only where the sandbox cannot run (root). */
function launchArgs(): string[] {
  const args = [
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    '--disable-extensions',
    '--font-render-hinting=none',
  ];
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return args;
}

/**
 * Launches one browser for the whole build and prints through a pool of reused pages
 * (a new page per document is about 3× slower). Pages run no scripts and may fetch nothing
 * but inline `data:` resources: every other request is blocked and reported.
 */
export async function launchPrinter(options: PrinterOptions): Promise<Printer> {
  const executablePath = findBrowser(options.executable, () => puppeteer.executablePath());
  let browser: Browser;
  try {
    browser = await puppeteer.launch({ executablePath, headless: true, args: launchArgs() });
  } catch (error) {
    throw new FactsheetsError(`the browser could not start: ${firstLine(error)}`, {
      stage: 'print',
      hint: `Check that ${executablePath} runs (try "${executablePath} --headless --version").`,
      cause: error,
    });
  }
  const pool = new PagePool(browser, options.pages, options.timeoutMs ?? 30_000);
  return {
    print: (html) => pool.use((page) => printOn(page, html)),
    close: async () => {
      await browser.close().catch(() => undefined);
    },
  };
}

interface PooledPage {
  readonly page: Page;
  /** URLs the current document tried to load. */
  blocked: string[];
}

/** Hands out at most `size` pages, creating them on first use and reusing them after. */
class PagePool {
  private readonly idle: PooledPage[] = [];
  private readonly waiting: ((page: PooledPage) => void)[] = [];
  private created = 0;

  constructor(
    private readonly browser: Browser,
    private readonly size: number,
    private readonly timeoutMs: number,
  ) {}

  async use<T>(work: (page: PooledPage) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    try {
      return await work(page);
    } finally {
      this.release(page);
    }
  }

  private async acquire(): Promise<PooledPage> {
    const ready = this.idle.pop();
    if (ready !== undefined) return ready;
    if (this.created < this.size) {
      this.created += 1;
      return this.open();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: PooledPage): void {
    const next = this.waiting.shift();
    if (next !== undefined) next(page);
    else this.idle.push(page);
  }

  private async open(): Promise<PooledPage> {
    const page = await this.browser.newPage();
    const pooled: PooledPage = { page, blocked: [] };
    page.setDefaultTimeout(this.timeoutMs);
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
  }
}

async function printOn(pooled: PooledPage, html: string): Promise<PrintedPdf> {
  const { page } = pooled;
  pooled.blocked = [];
  // 'load' waits for inline fonts and images; never 'networkidle' (slow, and it hangs on reused pages).
  await page.setContent(html, { waitUntil: 'load' });
  const measured = await page.evaluate(async () => {
    await document.fonts.ready;
    const failedFonts = [...document.fonts].filter((face) => face.status === 'error').map((face) => face.family);
    return { height: document.documentElement.getBoundingClientRect().height, failedFonts };
  });
  if (measured.failedFonts.length > 0) {
    throw new FactsheetsError(`fonts failed to load: ${[...new Set(measured.failedFonts)].join(', ')}`, {
      stage: 'print',
      hint: 'Check the @font-face rules: fonts must be inline (data: URIs) to load.',
    });
  }
  const bytes = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
  return {
    bytes,
    overflowMm: (measured.height - A4_HEIGHT_PX) * PX_TO_MM,
    blockedRequests: [...pooled.blocked],
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).trim();
}
