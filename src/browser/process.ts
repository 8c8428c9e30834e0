import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FactsheetsError } from '../errors.js';
import { findBrowser } from './find.js';

/** A Chromium process started for one build, in its own process group, with a throwaway profile. */
export interface BrowserProcess {
  readonly pid: number | undefined;
  /** The DevTools WebSocket address, once the browser listens (rejects if it exits or stays silent). */
  readonly endpoint: Promise<string>;
  /** Resolves once the process has exited and its profile folder is gone. */
  readonly exited: Promise<void>;
  /** Ends the whole process group at once (a hung browser's renderers too) and removes the profile. */
  kill(): void;
}

/** Our flags: what Chromium needs here (no GPU, no sandbox as root) and a quiet, unsynced profile. */
export function launchArgs(): string[] {
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
 * The flags Puppeteer launches Chrome with (`puppeteer.defaultArgs({ headless: true })` in
 * puppeteer 24; tests/e2e/browser-process.test.ts checks they still match): headless, tagged
 * PDF with an outline, no throttling of background pages, sRGB colours.
 */
export const PUPPETEER_DEFAULT_ARGS: readonly string[] = [
  '--allow-pre-commit-input', '--disable-background-networking', '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows', '--disable-breakpad', '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages', '--disable-crash-reporter', '--disable-default-apps',
  '--disable-dev-shm-usage', '--disable-hang-monitor', '--disable-infobars', '--disable-ipc-flooding-protection',
  '--disable-popup-blocking', '--disable-prompt-on-repost', '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen', '--disable-sync', '--enable-automation', '--export-tagged-pdf',
  '--force-color-profile=srgb', '--generate-pdf-document-outline', '--metrics-recording-only', '--no-first-run',
  '--password-store=basic', '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif', '--headless=new', '--hide-scrollbars', '--mute-audio', '--disable-extensions',
];

/**
 * No more renderer processes than cores: pages beyond that share one (they hold only our own
 * documents, with scripts off). Measured with 4 pages on 2 cores: the same documents per
 * second, some 150 MB less memory and a faster start than one renderer per page.
 */
export function rendererLimit(pages: number, cores = availableParallelism()): string {
  return `--renderer-process-limit=${Math.max(1, Math.min(pages, cores))}`;
}

/**
 * Starts Chromium directly rather than through puppeteer.launch, so that it boots while
 * Puppeteer itself is still loading (about 200 ms); the printer then connects to it.
 */
export function spawnBrowser(executablePath: string, timeoutMs: number, pages: number): BrowserProcess {
  const profile = mkdtempSync(join(tmpdir(), 'factsheets-chromium-'));
  // Best effort: processes of a killed browser may still be writing to it for a moment.
  const removeProfile = (): void => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // left in the temporary folder, as a browser killed from outside would leave it
    }
  };
  const args = [...new Set([...PUPPETEER_DEFAULT_ARGS, ...launchArgs()]), rendererLimit(pages), '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'];
  // Its temporary files (shared memory, with --disable-dev-shm-usage) go inside the profile too,
  // so that removing the profile leaves nothing behind, even after a kill.
  const temporary = join(profile, 'tmp');
  mkdirSync(temporary);
  const child = spawn(executablePath, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TMPDIR: temporary } });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  }).then(removeProfile);

  const endpoint = new Promise<string>((resolve, reject) => {
    let output = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new FactsheetsError(`the browser could not start: ${why}`, {
        stage: 'print',
        hint: `Check that ${executablePath} runs (try "${executablePath} --headless --version").`,
      }));
    };
    const timer = setTimeout(() => fail(`no DevTools address within ${timeoutMs / 1000} s`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const address = /DevTools listening on (ws:\/\/\S+)/.exec(output)?.[1];
      if (address === undefined) return;
      clearTimeout(timer);
      output = '';
      resolve(address);
    });
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(`it exited (${signal ?? `code ${code}`})${output.trim() === '' ? '' : `: ${output.trim().split('\n').slice(-1)[0]}`}`));
  });
  endpoint.catch(() => undefined);

  return {
    pid: child.pid,
    endpoint,
    exited,
    kill: () => {
      try {
        // Its own process group (detached): the renderers go too.
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      removeProfile();
    },
  };
}

/**
 * Starts the system's Chrome or Chromium (or the one the options name), or returns undefined
 * when there is none: the printer then looks further and says what to install.
 */
export function startSystemBrowser(options: { readonly executable: string | undefined; readonly timeoutMs?: number; readonly pages: number }): BrowserProcess | undefined {
  let executablePath: string;
  try {
    executablePath = findBrowser(options.executable, () => undefined);
  } catch {
    return undefined;
  }
  return spawnBrowser(executablePath, options.timeoutMs ?? 30_000, options.pages);
}
