import type { Readable, Writable } from 'node:stream';
import type { ConnectionTransport } from 'puppeteer-core';

/**
 * The DevTools protocol over Chromium's --remote-debugging-pipe: messages are JSON texts, each
 * ended by a NUL byte. Puppeteer has such a transport internally but does not export it.
 */
export class PipeTransport implements ConnectionTransport {
  onmessage?: (message: string) => void;
  onclose?: () => void;
  #closed = false;
  #pending: Buffer[] = [];

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.#receive(chunk));
    fromBrowser.on('close', () => this.close());
    // A browser that dies mid-write is reported by its exit, not by a stream error.
    fromBrowser.on('error', () => undefined);
    toBrowser.on('error', () => undefined);
  }

  send(message: string): void {
    if (!this.#closed) this.toBrowser.write(`${message}\0`);
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.toBrowser.end();
    this.onclose?.();
  }

  #receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      const message = Buffer.concat([...this.#pending, chunk.subarray(start, end)]).toString('utf8');
      this.#pending = [];
      start = end + 1;
      // Puppeteer expects messages one task apart, as from a socket.
      setImmediate(() => this.onmessage?.(message));
    }
    if (start < chunk.length) this.#pending.push(chunk.subarray(start));
  }
}
