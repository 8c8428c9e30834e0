import { describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browser/find.js';

const onDisk =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('findBrowser', () => {
  it('uses an explicit path first', () => {
    expect(findBrowser('/opt/chrome', () => undefined, onDisk('/opt/chrome', '/usr/bin/chromium'))).toBe('/opt/chrome');
  });

  it('fails clearly when the explicit path does not exist', () => {
    expect(() => findBrowser('/nope/chrome', () => undefined, onDisk('/usr/bin/chromium'))).toThrow(
      'the browser at /nope/chrome does not exist',
    );
  });

  it("then the system paths, then puppeteer's own browser", () => {
    expect(findBrowser(undefined, () => '/cache/chrome', onDisk('/usr/bin/chromium', '/cache/chrome'))).toBe(
      '/usr/bin/chromium',
    );
    expect(findBrowser(undefined, () => '/cache/chrome', onDisk('/cache/chrome'))).toBe('/cache/chrome');
  });

  it('says what to install when there is no browser at all', () => {
    expect(() =>
      findBrowser(
        undefined,
        () => {
          throw new Error('no cache');
        },
        onDisk(),
      ),
    ).toThrow('no Chrome or Chromium browser was found');
  });
});
