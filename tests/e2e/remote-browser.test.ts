import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import puppeteer from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser } from '../../src/browser/find.js';
import { tempDir } from '../helpers/content.js';
import { pageCount } from '../helpers/pdf.js';
import { childPids, startCli } from '../helpers/processes.js';

/** A browser service started by the test, reachable only through its DevTools URL. */
describe('printing through a remote browser (--browser-url)', () => {
  let service: ChildProcess;
  let url = '';

  beforeAll(async () => {
    const profile = await tempDir('factsheets-remote-profile-');
    service = spawn(
      findBrowser(undefined, () => undefined),
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-sync',
        '--remote-debugging-port=0',
        `--user-data-dir=${profile}`,
        'about:blank',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    url = await new Promise<string>((resolve, reject) => {
      let stderr = '';
      service.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      service.on('exit', () => reject(new Error(`the browser service exited: ${stderr}`)));
    });
  });

  afterAll(() => {
    service.kill('SIGKILL');
  });

  it('builds every document through it, launches no browser of its own, and leaves none of its pages open', async () => {
    const out = await tempDir('factsheets-remote-');
    const { child, done } = startCli(['build', '--browser-url', url, '--out', out]);
    const ownBrowsers = new Set<number>();
    const watcher = setInterval(() => {
      for (const pid of childPids(child.pid ?? 0)) ownBrowsers.add(pid);
    }, 20);
    const result = await done;
    clearInterval(watcher);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(ownBrowsers.size).toBe(0);
    expect((await readdir(join(out, 'countries'))).length).toBe(9);
    expect(pageCount(join(out, 'briefing-pack.pdf'))).toBe(13);

    const browser = await puppeteer.connect({ browserWSEndpoint: url });
    const pages = await browser.pages();
    await browser.disconnect();
    expect(pages.map((page) => page.url())).toEqual(['about:blank']);
  });

  it('says in one line when the service cannot be reached', async () => {
    const { done } = startCli([
      'build',
      '--browser-url',
      'ws://127.0.0.1:9/devtools/browser/none',
      '--out',
      await tempDir(),
    ]);
    const result = await done;
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^error: cannot connect to the browser at ws:\/\/127\.0\.0\.1:9\/devtools\/browser\/none: /,
    );
  });
});
