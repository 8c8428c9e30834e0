import { killStartedBrowsers } from '../browser/process.js';

/** Exit statuses for the signals that end a build: 128 + the signal's number. */
const SIGNAL_EXIT: Readonly<Record<string, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

let onSignal: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * Installed as the CLI's first import is evaluated, before any other code loads: a signal at
 * any moment ends the browsers this process started, then the process. Only the CLI does
 * this; the library never ends the process.
 */
for (const signal of Object.keys(SIGNAL_EXIT) as NodeJS.Signals[]) {
  process.on(signal, (received: NodeJS.Signals) => {
    if (onSignal !== undefined) {
      onSignal(received);
      return;
    }
    killStartedBrowsers();
    // Node's exit waits for its thread pool: should a file operation hang there (a network
    // file system), a second signal must still end the process, so the defaults come back first.
    for (const name of Object.keys(SIGNAL_EXIT)) process.removeAllListeners(name);
    process.exit(SIGNAL_EXIT[received] ?? 1);
  });
}

/** Hands signals to a long-running command (watch mode) that stops by itself; undefined restores the default. */
export function handleSignals(handler: ((signal: NodeJS.Signals) => void) | undefined): void {
  onSignal = handler;
}
