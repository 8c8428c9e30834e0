import { FactsheetsError } from '../errors.js';
import { browserFailure, DeadlineError } from './lifecycle.js';

/**
 * Lets documents print side by side in the browser, or one document have it alone. A browser
 * crash or hang takes down every document printing at the time, so it says nothing about
 * which one caused it: each is tried again alone, and only a document that fails alone is
 * charged with the failure.
 */
export class SoloGate {
  #shared = 0;
  #solo = false;
  #soloWaiting = 0;
  #waiters: (() => void)[] = [];

  async shared(): Promise<() => void> {
    while (this.#solo || this.#soloWaiting > 0) await this.#wait();
    this.#shared += 1;
    return this.#once(() => {
      this.#shared -= 1;
    });
  }

  async solo(): Promise<() => void> {
    this.#soloWaiting += 1;
    while (this.#solo || this.#shared > 0) await this.#wait();
    this.#soloWaiting -= 1;
    this.#solo = true;
    return this.#once(() => {
      this.#solo = false;
    });
  }

  #wait(): Promise<void> {
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #once(release: () => void): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
      // Everyone looks again; those who still cannot go wait again.
      for (const wake of this.#waiters.splice(0)) wake();
    };
  }
}

/**
 * Prints one document: side by side first; after a browser failure (a crash or a hang), the
 * browser is replaced and the document is tried again alone, up to `retries` times. Problems of
 * the document itself (a FactsheetsError other than a deadline) are final at once.
 */
export async function printAttributed<T>(
  gate: SoloGate,
  retries: number,
  attempt: () => Promise<T>,
  browserFailed: () => Promise<void>,
): Promise<T> {
  let alone = false;
  for (let tries = 1; ; tries += 1) {
    const release = await (alone ? gate.solo() : gate.shared());
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof FactsheetsError && !(error instanceof DeadlineError)) throw error;
      if (alone && tries > retries) throw browserFailure(error, tries - 1);
      await browserFailed();
      alone = true;
    } finally {
      release();
    }
  }
}
