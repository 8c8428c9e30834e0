import { spawn, type ChildProcess } from 'node:child_process';
import puppeteer, { type Browser, type Page } from 'puppeteer';
import { findBrowser } from '../../src/browser/find.js';

/** A running `factsheets preview`, its page's address read from its first line. */
export interface RunningPreview {
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it printed so far. */
  readonly output: () => { readonly stdout: string; readonly stderr: string };
  /** Sends SIGINT and waits for the exit code. */
  readonly stop: () => Promise<number | null>;
}

/**
 * Starts `node CLI preview … --port 0` and waits for the address on its first stdout line.
 * Takes the CLI's path so that the benchmark (bundled elsewhere) can use it too.
 */
export async function startPreview(cli: string, args: readonly string[], cwd: string): Promise<RunningPreview> {
  const child = spawn(process.execPath, [cli, 'preview', ...args, '--port', '0'], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const first = stdout.split('\n');
      if (first.length > 1) resolve(first[0] ?? '');
    });
    void exited.then((code) =>
      reject(new Error(`factsheets preview exited ${code} before printing its address:\n${stderr}`)),
    );
  });
  return {
    url,
    child,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

/** A headless Chromium for looking at the page, as a writer's browser would. */
export function launchViewer(): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findBrowser(process.env['PUPPETEER_EXECUTABLE_PATH'], () => undefined),
    headless: true,
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
    defaultViewport: { width: 1280, height: 1000 },
  });
}

/** What the page records each time new pages reach the screen (see client/document-view.ts). */
export interface Paint {
  readonly paints: number;
  readonly document: string;
  readonly version: number;
  /** Milliseconds since 1970, with the fraction: comparable with `performance.timeOrigin + performance.now()` here. */
  readonly paintedAt: number;
  /** When the page was told of the new PDF and began to fetch and draw it, on the same clock. */
  readonly drawStartedAt: number;
}

/** Waits until the page has painted more than `after` times, and returns that paint. */
export async function waitForPaint(page: Page, after: number, timeoutMs: number): Promise<Paint> {
  await page.waitForFunction(
    (count: number) => Number(document.getElementById('pages')?.dataset['paints'] ?? 0) > count,
    { polling: 'mutation', timeout: timeoutMs },
    after,
  );
  return page.evaluate(() => {
    const data = document.getElementById('pages')?.dataset ?? {};
    return {
      paints: Number(data['paints']),
      document: data['document'] ?? '',
      version: Number(data['version']),
      paintedAt: Number(data['paintedAt']),
      drawStartedAt: Number(data['drawStartedAt']),
    };
  });
}

/** Opens the preview on one document and waits until it is drawn and saves are watched. */
export async function openDocument(page: Page, url: string, name: string, timeoutMs: number): Promise<Paint> {
  await page.goto(`${url}#${name}`);
  const paint = await waitForPaint(page, 0, timeoutMs);
  await page.waitForSelector('#summary[data-watching]', { timeout: timeoutMs });
  return paint;
}
