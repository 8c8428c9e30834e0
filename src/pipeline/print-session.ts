import { FactsheetsError, toFactsheetsError } from '../errors.js';
import type { EmbeddedFonts, Printer } from '../browser/printer.js';

/** Where the build's browser is in its life. */
type State =
  | { readonly kind: 'not started' }
  | { readonly kind: 'starting'; readonly ready: Promise<Printer | FactsheetsError> }
  | { readonly kind: 'ready'; readonly printer: Printer }
  | { readonly kind: 'failed'; readonly error: FactsheetsError }
  | { readonly kind: 'closed' };

/**
 * The browser's life in one build: started once, on first use or ahead of it, shared by every
 * document, and closed once. A browser that cannot start is one error for the build (told to
 * `onFailure` once), handed to every document that asks for it as a value, never thrown.
 */
export class PrintSession {
  #state: State = { kind: 'not started' };
  #warming = false;
  #closing: Promise<void> | undefined;

  constructor(
    private readonly open: () => Promise<Printer>,
    private readonly onFailure: (error: FactsheetsError) => void,
  ) {}

  /** The printer, started if need be, or why there is none. */
  printer(): Promise<Printer | FactsheetsError> {
    const state = this.#state;
    switch (state.kind) {
      case 'not started': {
        const ready = this.open().then(
          (printer) => this.#opened(printer),
          (error: unknown) => this.#failed(toFactsheetsError(error, { stage: 'print' })),
        );
        this.#state = { kind: 'starting', ready };
        return ready;
      }
      case 'starting':
        return state.ready;
      case 'ready':
        return Promise.resolve(state.printer);
      case 'failed':
        return Promise.resolve(state.error);
      case 'closed':
        return Promise.resolve(
          new FactsheetsError('the browser was closed before this document printed', { stage: 'print' }),
        );
    }
  }

  /** Starts the browser now, so that it boots while documents render. */
  start(): void {
    void this.printer();
  }

  /** Once, with the first rendered document: the browser opens its pages with the fonts loaded. */
  warm(html: string, fonts: EmbeddedFonts): void {
    if (this.#warming) return;
    this.#warming = true;
    void this.printer()
      .then((printer) => (printer instanceof FactsheetsError ? undefined : printer.warm?.(html, fonts)))
      .catch(() => undefined);
  }

  /** Closes the browser, waiting for it to finish starting if it is; the same promise on every call. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const state = this.#state;
      const printer =
        state.kind === 'ready' ? state.printer : state.kind === 'starting' ? await state.ready : undefined;
      this.#state = { kind: 'closed' };
      if (printer !== undefined && !(printer instanceof FactsheetsError)) await printer.close();
    })();
    return this.#closing;
  }

  #opened(printer: Printer): Printer {
    this.#state = { kind: 'ready', printer };
    return printer;
  }

  #failed(error: FactsheetsError): FactsheetsError {
    this.#state = { kind: 'failed', error };
    this.onFailure(error);
    return error;
  }
}
