import { existsSync } from 'node:fs';
import { FactsheetsError } from '../errors.js';

/** Where Debian, Ubuntu, Fedora, Arch and the Chrome packages put the browser. */
export const SYSTEM_BROWSER_PATHS: readonly string[] = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Picks the browser: an explicit path (option or PUPPETEER_EXECUTABLE_PATH) must exist;
 * otherwise the first system Chrome/Chromium; otherwise puppeteer's own download, if any.
 * With none, one clear error says what to install.
 */
export function findBrowser(
  explicit: string | undefined,
  puppeteerOwn: () => string | undefined,
  exists: (path: string) => boolean = existsSync,
): string {
  if (explicit !== undefined) {
    if (exists(explicit)) return explicit;
    throw new FactsheetsError(`the browser at ${explicit} does not exist`, {
      stage: 'print',
      hint: 'Correct PUPPETEER_EXECUTABLE_PATH (or unset it to use the system Chromium).',
    });
  }
  const system = SYSTEM_BROWSER_PATHS.find(exists);
  if (system !== undefined) return system;
  let own: string | undefined;
  try {
    own = puppeteerOwn();
  } catch {
    own = undefined;
  }
  if (own !== undefined && exists(own)) return own;
  throw new FactsheetsError('no Chrome or Chromium browser was found', {
    stage: 'print',
    hint: 'Install Chromium (Debian/Ubuntu: apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH to a Chrome binary.',
  });
}
