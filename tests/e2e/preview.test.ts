import { request } from 'node:http';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copySample, PROJECT, tempDir } from '../helpers/content.js';
import { launchViewer, openDocument, startPreview, waitForPaint, type RunningPreview } from '../helpers/preview.js';
import { runCli } from '../helpers/cli.js';
import { childPids } from '../helpers/processes.js';

/** A raw GET: the path is sent as written (no normalising of `..`), with any Host header. */
function get(url: string, path: string, host?: string): Promise<{ status: number; body: string; bytes: Buffer }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sent = request({ hostname, port, path, headers: host === undefined ? {} : { host } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
      });
      response.on('end', () => {
        const bytes = Buffer.concat(chunks);
        resolve({ status: response.statusCode ?? 0, body: bytes.toString(), bytes });
      });
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** How many pixels of the first page's canvas are not white: a drawn page has many. */
function inkedPixels(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('#pages canvas');
    const context = canvas?.getContext('2d');
    if (canvas === null || canvas === undefined || context === null || context === undefined) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    for (let index = 0; index < data.length; index += 4)
      if ((data[index] ?? 255) < 240 || (data[index + 1] ?? 255) < 240 || (data[index + 2] ?? 255) < 240) inked += 1;
    return inked;
  });
}

function firstPageImage(page: Page): Promise<string> {
  return page.$eval('#pages canvas', (canvas) => (canvas as HTMLCanvasElement).toDataURL());
}

describe('factsheets preview (real Chromium for the build and for the page)', () => {
  let content = '';
  let out = '';
  let preview: RunningPreview;
  let viewer: Browser;

  beforeAll(async () => {
    content = await copySample();
    out = await tempDir('factsheets-preview-');
    preview = await startPreview(join(PROJECT, 'dist/cli.js'), ['--content', content, '--out', out], PROJECT);
    viewer = await launchViewer();
  });

  afterAll(async () => {
    await viewer?.close();
    if (preview?.child.exitCode === null) await preview.stop();
  });

  it('prints its local address first and refuses foreign Host headers, other methods and every path outside its own', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = new URL(preview.url).port;
    expect((await get(preview.url, '/')).status).toBe(200);
    expect((await get(preview.url, '/', `localhost:${port}`)).status).toBe(200);
    // DNS rebinding: a foreign name that resolves to this machine, on the right port or not.
    for (const host of [
      `attacker.example:${port}`,
      `localhost.attacker.example:${port}`,
      'attacker.example',
      `127.0.0.1:${Number(port) + 1}`,
    ]) {
      expect((await get(preview.url, '/', host)).status, host).toBe(403);
    }
    const csv = await readFile(join(content, 'funding.csv'), 'utf8');
    for (const path of [
      '/funding.csv',
      '/countries/niger.md',
      `/pdf/${content}/funding.csv`,
      '/pdf/../../../etc/passwd',
      '/pdf/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      `/pdf/..%2f..%2f..%2f${content.slice(1)}%2ffunding.csv`,
      '/client/../../../package.json',
      '/pdfjs/../package.json',
      '/pdf/manifest.json',
    ]) {
      const answer = await get(preview.url, path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('amount_eur');
      expect(answer.body, path).not.toContain('root:');
    }
    expect(csv).toContain('amount_eur');
    // A request target that is not a path (absolute-form, or malformed) is refused, and the server goes on.
    for (const target of ['http://attacker.example/', '*', 'http://['])
      expect((await get(preview.url, target)).status, target).toBe(400);
    expect((await get(preview.url, '/')).status).toBe(200);
    const post = await new Promise<number>((resolve) => {
      const { hostname, port: portNumber } = new URL(preview.url);
      request({ hostname, port: portNumber, path: '/', method: 'POST' }, (response) =>
        resolve(response.statusCode ?? 0),
      ).end();
    });
    expect(post).toBe(405);
  });

  it('draws the one-pager from its PDF, redraws it in place after a save, shows a broken save over the last good page and clears it', async () => {
    const page = await viewer.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`${message.text()} ${message.location().url ?? ''}`);
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations += 1;
    });
    const first = await openDocument(page, preview.url, 'niger', 90_000);
    expect(first.document).toBe('niger');

    const listed = await page.$$eval('#documents li', (items) =>
      items.map((item) => `${(item as HTMLElement).dataset['document']}:${(item as HTMLElement).dataset['status']}`),
    );
    // Each edition (French, Amharic, Arabic) is listed beside its English one.
    expect(listed).toEqual(
      [
        'factsheet',
        'factsheet.fr',
        'cote-d-ivoire',
        'cote-d-ivoire.fr',
        'ethiopia',
        'ethiopia.am',
        'ghana',
        'guinea',
        'guinea.fr',
        'mali',
        'mali.fr',
        'morocco',
        'morocco.ar-ma',
        'niger',
        'niger.fr',
        'nigeria',
        'senegal',
        'senegal.fr',
      ].map((name) => `${name}:built`),
    );
    expect(await page.$eval('#documents li[data-document="niger"] .facts', (facts) => facts.textContent)).toContain(
      '1 page',
    );
    expect(await page.$$eval('#pages canvas', (canvases) => canvases.length)).toBe(1);
    expect(await inkedPixels(page)).toBeGreaterThan(20_000);
    // What the page draws is the PDF in the output folder, byte for byte.
    const served = await get(preview.url, '/pdf/countries/niger.pdf');
    expect(served.status).toBe(200);
    expect(served.bytes.equals(await readFile(join(out, 'countries/niger.pdf')))).toBe(true);
    const before = await firstPageImage(page);
    await page.evaluate(() => {
      Reflect.set(window, 'sameDocument', true);
    });
    const scrolled = await page.$eval('#viewer', (viewer) => {
      viewer.scrollTop = 180;
      return viewer.scrollTop;
    });
    expect(scrolled).toBe(180);

    const file = join(content, 'countries/niger.md');
    const original = await readFile(file, 'utf8');
    const edited = original.replace(/^## (.*)$/m, '## A much longer heading written in the preview test, $1');
    expect(edited).not.toBe(original);
    await writeFile(file, edited);
    const second = await waitForPaint(page, first.paints, 30_000);
    expect(second.version).toBeGreaterThan(first.version);
    const afterEdit = await firstPageImage(page);
    expect(afterEdit).not.toBe(before);
    expect(await page.evaluate(() => Reflect.get(window, 'sameDocument'))).toBe(true);
    expect(navigations).toBe(1);
    expect(await page.$eval('#viewer', (viewer) => viewer.scrollTop)).toBe(scrolled);

    await writeFile(file, original.replace(/^iso: NE$/m, 'iso: NE: Niger'));
    await page.waitForSelector('#overlay:not([hidden])', { timeout: 30_000 });
    const shown = await page.$$eval('#overlay li', (items) =>
      items.map((item) => ({
        line: (item as HTMLElement).dataset['line'],
        position: item.querySelector('.position')?.textContent ?? '',
        message: item.querySelector('.message')?.textContent ?? '',
        hint: item.querySelector('.hint')?.textContent ?? '',
      })),
    );
    const isoLine = original.split('\n').findIndex((line) => line.startsWith('iso:')) + 1;
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]?.line).toBe(String(isoLine));
    expect(shown[0]?.position).toMatch(new RegExp(`countries/niger\\.md:${isoLine}:\\d+$`));
    expect(shown[0]?.message).toMatch(/front matter is not valid YAML/);
    expect(
      await page.$eval('#documents li[data-document="niger"]', (item) => (item as HTMLElement).dataset['status']),
    ).toBe('failed');
    // The last good page stays under the overlay.
    expect(await firstPageImage(page)).toBe(afterEdit);
    expect(await inkedPixels(page)).toBeGreaterThan(20_000);
    if (process.env['FACTSHEETS_SCREENSHOT'] !== undefined)
      await page.screenshot({ path: process.env['FACTSHEETS_SCREENSHOT'] });

    await writeFile(file, original);
    await page.waitForSelector('#overlay[hidden]', { timeout: 30_000 });
    const third = await waitForPaint(page, second.paints, 30_000);
    expect(
      await page.$eval('#documents li[data-document="niger"]', (item) => (item as HTMLElement).dataset['status']),
    ).toBe('built');
    expect(third.version).toBeGreaterThan(second.version);
    expect(await page.evaluate(() => Reflect.get(window, 'sameDocument'))).toBe(true);
    expect(navigations).toBe(1);
    expect(problems).toEqual([]);
  }, 150_000);

  it('shows a bad dataset row over the one-pager it fails, names it on the index, and leaves other countries alone', async () => {
    const page = await viewer.newPage();
    const first = await openDocument(page, preview.url, 'mali', 60_000);
    const file = join(content, 'funding.csv');
    const original = await readFile(file, 'utf8');
    const lines = original.split('\n');
    const row = lines.findIndex((line) => line.startsWith('ML,')) + 1;
    lines[row - 1] = (lines[row - 1] ?? '').replace(/,(\d+),(committed|contracted|paid),/, ',28 million,$2,');
    await writeFile(file, lines.join('\n'));
    await page.waitForSelector('#overlay:not([hidden])', { timeout: 30_000 });
    const positions = await page.$$eval('#overlay .position', (items) => items.map((item) => item.textContent ?? ''));
    expect(
      positions.some((position) => new RegExp(`funding\\.csv:${row}:\\d+$`).test(position)),
      positions.join(', '),
    ).toBe(true);
    expect(await page.$eval('#overlay', (overlay) => overlay.textContent)).toMatch(/amount_eur/);
    const statuses = await page.$$eval('#documents li', (items) =>
      Object.fromEntries(
        items.map((item) => [(item as HTMLElement).dataset['document'], (item as HTMLElement).dataset['status']]),
      ),
    );
    expect(statuses['mali']).toBe('failed');
    expect(statuses['niger']).not.toBe('failed');
    expect(
      await page.$$eval('#problems li', (items) => items.map((item) => item.textContent ?? '').join('\n')),
    ).toMatch(new RegExp(`funding\\.csv:${row}:`));
    expect(await page.$$eval('#pages canvas', (canvases) => canvases.length)).toBe(1);

    await writeFile(file, original);
    await page.waitForSelector('#overlay[hidden]', { timeout: 30_000 });
    expect(
      await page.$eval('#documents li[data-document="mali"]', (item) => (item as HTMLElement).dataset['status']),
    ).not.toBe('failed');
    expect((await waitForPaint(page, 0, 1_000)).paints).toBe(first.paints);
    await page.close();
  }, 120_000);

  it('ends the server and its browser on Ctrl-C with exit status 130', async () => {
    const browsers = childPids(preview.child.pid ?? 0);
    expect(browsers.length).toBeGreaterThan(0);
    expect(await preview.stop()).toBe(130);
    for (const pid of browsers) expect(() => process.kill(pid, 0), `browser ${pid}`).toThrow();
    await expect(get(preview.url, '/')).rejects.toThrow();
  });

  it('says what is wrong with its command line, with the usage, and exits 2', async () => {
    for (const [args, message] of [
      [['--port', 'eighty'], '--port must be a whole number from 0 to 65535, got "eighty"'],
      [['--bogus'], "Unknown option '--bogus'"],
      [['extra'], 'unexpected argument "extra"'],
    ] as const) {
      const result = await runCli(['preview', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`factsheets: ${message}`);
      expect(result.stderr).toContain('Usage: factsheets preview');
      expect(result.stdout).toBe('');
    }
    const help = await runCli(['preview', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: factsheets preview /);
  });
});
