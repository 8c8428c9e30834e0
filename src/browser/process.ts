import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { FactsheetsError } from '../errors.js';
import { findBrowser } from './find.js';
import { PipeTransport } from './pipe-transport.js';

/** A Chromium process started for one build, in its own process group, with a throwaway profile. */
export interface BrowserProcess {
  readonly pid: number | undefined;
  /** The DevTools protocol over the browser's pipe: no TCP port is ever opened. */
  readonly transport: PipeTransport;
  /** Rejects when the browser exits or fails to start (never resolves while it runs). */
  readonly failed: Promise<never>;
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
  '--allow-pre-commit-input',
  '--disable-background-networking',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-breakpad',
  '--disable-client-side-phishing-detection',
  '--disable-component-extensions-with-background-pages',
  '--disable-crash-reporter',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--disable-hang-monitor',
  '--disable-infobars',
  '--disable-ipc-flooding-protection',
  '--disable-popup-blocking',
  '--disable-prompt-on-repost',
  '--disable-renderer-backgrounding',
  '--disable-search-engine-choice-screen',
  '--disable-sync',
  '--enable-automation',
  '--export-tagged-pdf',
  '--force-color-profile=srgb',
  '--generate-pdf-document-outline',
  '--metrics-recording-only',
  '--no-first-run',
  '--password-store=basic',
  '--use-mock-keychain',
  '--disable-features=Translate,AcceptCHFrame,MediaRouter,OptimizationHints,WebUIReloadButton,ProcessPerSiteUpToMainFrameThreshold,IsolateSandboxedIframes',
  '--enable-features=PdfOopif',
  '--headless=new',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-extensions',
];

/**
 * No more renderer processes than cores: pages beyond that share one (they hold only our own
 * documents, with scripts off): the same throughput with less memory and a faster start
 * (docs/performance.md).
 */
export function rendererLimit(pages: number, cores = availableParallelism()): string {
  return `--renderer-process-limit=${Math.max(1, Math.min(pages, cores))}`;
}

/** Browsers this process started and has not seen exit: whoever ends the process ends these first. */
const running = new Set<BrowserProcess>();

/**
 * Kills every browser this process started. For the CLI's signal handlers: a browser talks
 * over a pipe and ends by itself when this process dies, but killing it first frees its memory
 * and its profile at once rather than when it notices the closed pipe.
 */
export function killStartedBrowsers(): void {
  for (const browser of running) browser.kill();
}

/**
 * Starts Chromium directly rather than through puppeteer.launch, so that it boots while
 * Puppeteer itself is still loading; the printer then connects to it over the pipe. The pipe
 * also ties the browser's life to this process: if the build dies, even by SIGKILL, the pipe
 * closes and Chromium exits.
 */
export function spawnBrowser(executablePath: string, pages: number): BrowserProcess {
  let profile: string;
  try {
    profile = mkdtempSync(join(tmpdir(), 'factsheets-chromium-'));
  } catch (error) {
    throw new FactsheetsError(
      `cannot create the browser's temporary profile in ${tmpdir()}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      {
        stage: 'print',
        hint: 'TMPDIR must name an existing, writable folder (or be unset).',
        cause: error,
      },
    );
  }
  // Best effort: processes of a killed browser may still be writing to it for a moment.
  const removeProfile = (): void => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // left in the temporary folder, as a browser killed from outside would leave it
    }
  };
  const args = [
    ...new Set([...PUPPETEER_DEFAULT_ARGS, ...launchArgs()]),
    rendererLimit(pages),
    '--remote-debugging-pipe',
    `--user-data-dir=${profile}`,
    'about:blank',
  ];
  // Its temporary files (shared memory, with --disable-dev-shm-usage) go inside the profile too,
  // so that removing the profile leaves nothing behind, even after a kill.
  const temporary = join(profile, 'tmp');
  mkdirSync(temporary);
  // fd 3 carries commands to the browser, fd 4 its replies (Chromium's --remote-debugging-pipe).
  const [command, commandArgs] = diesWithThisProcess(executablePath, args);
  const child = spawn(command, commandArgs, {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    env: { ...process.env, TMPDIR: temporary },
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  }).then(removeProfile);

  // The last lines of its output, to say why it stopped.
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-2000);
  });
  const failed = new Promise<never>((_, reject) => {
    const fail = (why: string): void =>
      reject(
        new FactsheetsError(`the browser could not start: ${why}`, {
          stage: 'print',
          hint: `Check that ${executablePath} runs (try "${executablePath} --headless --version").`,
        }),
      );
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) =>
      fail(
        `it exited (${signal ?? `code ${code}`})${output.trim() === '' ? '' : `: ${output.trim().split('\n').slice(-1)[0]}`}`,
      ),
    );
  });
  failed.catch(() => undefined);
  const transport = new PipeTransport(child.stdio[3] as Writable, child.stdio[4] as Readable);

  const browser: BrowserProcess = {
    pid: child.pid,
    transport,
    failed,
    exited,
    kill: () => {
      try {
        // Its own process group (detached): the renderers go too.
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      transport.close();
      removeProfile();
    },
  };
  running.add(browser);
  void exited.then(() => running.delete(browser));
  return browser;
}

/** util-linux's setpriv, which every Linux distribution ships, to set a parent-death signal before exec. */
const SETPRIV = '/usr/bin/setpriv';

/**
 * The command that starts the browser so that the kernel kills it when this process dies. The
 * pipe ends it too, but only once Chromium reads it, which it does after starting up: a build
 * killed (SIGKILL) while the browser boots would leave it running for as long as the boot takes.
 * Where setpriv is missing, the pipe alone ends it.
 */
function diesWithThisProcess(executablePath: string, args: readonly string[]): [string, string[]] {
  if (process.platform !== 'linux' || !existsSync(SETPRIV)) return [executablePath, [...args]];
  return [SETPRIV, ['--pdeathsig', 'KILL', '--', executablePath, ...args]];
}

/**
 * Starts the system's Chrome or Chromium (or the one the options name), or returns undefined
 * when there is none: the printer then looks further and says what to install.
 */
export function startSystemBrowser(options: {
  readonly executable: string | undefined;
  readonly pages: number;
}): BrowserProcess | undefined {
  let executablePath: string;
  try {
    executablePath = findBrowser(options.executable, () => undefined);
  } catch {
    return undefined;
  }
  try {
    return spawnBrowser(executablePath, options.pages);
  } catch {
    // Started early, before the build could report anything: the printer tries again and reports why.
    return undefined;
  }
}
