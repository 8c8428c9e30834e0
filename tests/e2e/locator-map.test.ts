import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { pagePixels, pixelIs, type PagePixels } from '../helpers/page-pixels.js';

/** templates/styles/base.css: the masthead's background and the country's fill on the map. */
const BRAND_DARK = '#0b254f';
const ACCENT = '#f2b705';

/** The masthead's rows: from the top of the page, while the bleed at its left edge is the brand's dark blue. */
function mastheadRows(image: PagePixels): number {
  let rows = 0;
  while (rows < image.height && pixelIs(image, 2, rows, BRAND_DARK)) rows += 1;
  return rows;
}

/**
 * The x of every masthead pixel inside a solid patch of the accent colour (it and its eight
 * neighbours): a filled shape. The kicker's thin letters have none, and the masthead's
 * accent rule lies below its rows: without a map this is empty.
 */
function filledAccent(image: PagePixels): number[] {
  const rows = mastheadRows(image);
  const xs: number[] = [];
  for (let y = 1; y < rows - 1; y += 1) {
    for (let x = 1; x < image.width - 1; x += 1) {
      const around = [-1, 0, 1].flatMap((dy) => [-1, 0, 1].map((dx) => pixelIs(image, x + dx, y + dy, ACCENT)));
      if (around.every(Boolean)) xs.push(x);
    }
  }
  return xs;
}

describe('the locator map on the printed brief (real Chromium, pixels drawn by poppler)', () => {
  let out: string;
  let result: CliResult;
  beforeAll(async () => {
    out = await tempDir('factsheets-locator-map-');
    result = await runCli(['build', '--only', 'mali,senegal,morocco', '--out', out]);
  });

  it('builds the briefs', () => {
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it.each([
    ['countries/mali.pdf', 'ltr'],
    ['fr/countries/mali.pdf', 'ltr'],
    ['countries/senegal.pdf', 'ltr'],
    ['countries/morocco.pdf', 'ltr'],
    ['ar-MA/countries/morocco.pdf', 'rtl'],
  ])('%s draws its country filled in the masthead, at the end of the line (%s)', (pdf, direction) => {
    const image = pagePixels(join(out, pdf), 1);
    expect(mastheadRows(image)).toBeGreaterThan(image.height / 10);
    const xs = filledAccent(image);
    // Morocco, the smallest here, fills about 115 such pixels at 72 dpi; without the map there are none.
    expect(xs.length).toBeGreaterThan(50);
    const middle = image.width / 2;
    const side = Math.min(...xs) > middle ? 'ltr' : Math.max(...xs) < middle ? 'rtl' : 'across the middle';
    expect(side).toBe(direction);
  });
});
