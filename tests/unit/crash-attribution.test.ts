import { describe, expect, it } from 'vitest';
import { printAttributed, SoloGate } from '../../src/browser/crash-attribution.js';
import { FactsheetsError } from '../../src/errors.js';

/**
 * A stand-in browser shared by every print: printing `hostile` crashes it, and a crash fails
 * every print in flight at that moment, as a real renderer crash does.
 */
class CrashingBrowser {
  readonly inFlight = new Set<(error: Error) => void>();
  /** How many other prints were in flight at each print of the hostile document. */
  readonly hostileCompany: number[] = [];
  crashes = 0;

  print(name: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.inFlight.add(reject);
      if (name === 'hostile') {
        this.hostileCompany.push(this.inFlight.size - 1);
        setTimeout(() => this.crash(), 5);
        return;
      }
      setTimeout(() => {
        if (!this.inFlight.delete(reject)) return;
        resolve(`${name}.pdf`);
      }, 10);
    });
  }

  crash(): void {
    this.crashes += 1;
    for (const reject of this.inFlight) reject(new Error('Target closed'));
    this.inFlight.clear();
  }
}

describe('a browser crash is charged to the document that causes it', () => {
  it('retries every document caught in a crash alone, and fails only the one that crashes the browser alone', async () => {
    const browser = new CrashingBrowser();
    const gate = new SoloGate();
    const names = ['mali', 'niger', 'hostile', 'senegal', 'ghana', 'guinea'];
    const results = await Promise.allSettled(
      names.map((name) =>
        printAttributed(
          gate,
          2,
          () => browser.print(name),
          async () => undefined,
        ),
      ),
    );
    const outcome = Object.fromEntries(
      names.map((name, index) => {
        const result = results[index];
        return [name, result?.status === 'fulfilled' ? result.value : (result?.reason as Error | undefined)?.message];
      }),
    );
    expect(outcome).toEqual({
      mali: 'mali.pdf',
      niger: 'niger.pdf',
      senegal: 'senegal.pdf',
      ghana: 'ghana.pdf',
      guinea: 'guinea.pdf',
      hostile: 'the browser failed on this document 2 times: Target closed',
    });
    // Once alone, the hostile document crashed the browser with nobody else in it.
    expect(browser.crashes).toBe(3);
    expect(browser.hostileCompany.slice(1)).toEqual([0, 0]);
    expect(browser.hostileCompany[0]).toBeGreaterThan(0);
  });

  it('fails a document at once for a problem of its own, without retrying', async () => {
    let attempts = 0;
    const own = printAttributed(
      new SoloGate(),
      2,
      async () => {
        attempts += 1;
        throw new FactsheetsError('fonts failed to load: Brand', { stage: 'finish' });
      },
      async () => undefined,
    );
    await expect(own).rejects.toThrow('fonts failed to load');
    expect(attempts).toBe(1);
  });

  it('lets a solo print wait for the prints in flight, and holds new ones back until it is done', async () => {
    const gate = new SoloGate();
    const order: string[] = [];
    const releaseShared = await gate.shared();
    const solo = gate.solo().then((release) => {
      order.push('solo');
      release();
    });
    const later = gate.shared().then((release) => {
      order.push('later shared');
      release();
    });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual([]);
    releaseShared();
    await Promise.all([solo, later]);
    expect(order).toEqual(['solo', 'later shared']);
  });
});
