import type { BrowserProcess } from './process.js';
import type { Printer, PrinterOptions } from './printer.js';

/**
 * The printer a build prints with. Puppeteer loads only when something is to be printed (a
 * no-op build never needs it); a system browser starts first, or was started by the caller,
 * so that it boots while Puppeteer loads.
 */
export async function launchPrinter(options: PrinterOptions, started?: BrowserProcess): Promise<Printer> {
  const browser =
    options.browserUrl !== undefined
      ? undefined
      : (started ?? (await import('./process.js')).startSystemBrowser(options));
  try {
    return await (await import('./printer.js')).connectPrinter({
      ...options,
      ...(browser === undefined ? {} : { started: browser }),
    });
  } catch (error) {
    browser?.kill();
    throw error;
  }
}
