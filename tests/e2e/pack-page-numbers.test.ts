import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { pageCount, pageWords, type PageWord } from '../helpers/pdf.js';

/** A page number as printed ("Page 2 of 2", "Briefing pack · page 4 of 13", "page 3 sur 9"): its two numbers, where its last word ends, its top and its type's height. */
interface PrintedNumber {
  readonly page: number;
  readonly of: number;
  readonly words: readonly PageWord[];
  readonly xMax: number;
  readonly yMin: number;
  readonly height: number;
}

const OF = new Set(['of', 'sur']);

/** Every page number on a page: the words "page N of M" (or "sur"), in any case, anywhere on it. */
function pageNumbers(words: readonly PageWord[]): PrintedNumber[] {
  return words.flatMap((word, index) => {
    const [number, of, total] = words.slice(index + 1, index + 4);
    if (word.text.toLowerCase() !== 'page' || number === undefined || of === undefined || total === undefined)
      return [];
    if (!/^\d+$/.test(number.text) || !OF.has(of.text) || !/^\d+$/.test(total.text)) return [];
    return [
      {
        page: Number(number.text),
        of: Number(total.text),
        words: [word, number, of, total],
        xMax: total.xMax,
        yMin: word.yMin,
        height: word.yMax - word.yMin,
      },
    ];
  });
}

/** Where a number sits, to a tenth of a point: its end, its top, its type's height. */
function placeOf(number: PrintedNumber | undefined): [number, number, number] {
  return [number?.xMax ?? Number.NaN, number?.yMin ?? Number.NaN, number?.height ?? Number.NaN].map(
    (value) => Math.round(value * 10) / 10,
  ) as [number, number, number];
}

describe("a briefing pack has one page number a page, in the documents' own furniture (real Chromium, real PDFs)", () => {
  let out: string;
  let build: CliResult;

  beforeAll(async () => {
    out = await tempDir('factsheets-pack-numbers-');
    build = await runCli(['build', '--out', out]);
  });

  it('builds the sample', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
  });

  for (const lang of ['en', 'fr']) {
    const folder = lang === 'en' ? '' : `${lang}/`;

    it(`keeps the standalone ${folder}factsheet.pdf's own numbering, one number a page at its bottom right`, () => {
      const factsheet = join(out, `${folder}factsheet.pdf`);
      const pages = pageWords(factsheet);
      expect(pages).toHaveLength(2);
      pages.forEach((page, index) => {
        const numbers = pageNumbers(page.words);
        expect(numbers.map((number) => [number.words[0]?.text, number.page, number.of])).toEqual([
          ['Page', index + 1, 2],
        ]);
        expect(numbers[0]?.yMin).toBeGreaterThan(page.height - 72);
        expect(numbers[0]?.xMax).toBeGreaterThan(page.width / 2);
      });
    });

    it(`numbers every page of ${folder}briefing-pack.pdf but the cover once, with the pack's page, where the factsheet numbers its own`, () => {
      const pack = join(out, `${folder}briefing-pack.pdf`);
      const factsheet = join(out, `${folder}factsheet.pdf`);
      const own = pageWords(factsheet).map((page) => placeOf(pageNumbers(page.words)[0]));
      const pages = pageWords(pack);
      expect(pages.length).toBe(pageCount(pack));
      expect(pageNumbers(pages[0]?.words ?? [])).toEqual([]);
      // The cover, the contents (one page in the sample), then the factsheet's pages, then the briefs'.
      const factsheetPages = new Set(own.map((_place, index) => index + 3));
      pages.forEach((page, index) => {
        const at = index + 1;
        if (at === 1) return;
        const numbers = pageNumbers(page.words);
        expect(
          numbers.map((number) => [number.page, number.of]),
          `${pack} page ${at}`,
        ).toEqual([[at, pages.length]]);
        const number = numbers[0];
        // The factsheet's own corner and type: its pages and the pack's contents (the factsheet's margins).
        if (factsheetPages.has(at) || at === 2) {
          expect(placeOf(number), `${pack} page ${at}`).toEqual(own[factsheetPages.has(at) ? at - 3 : 1]);
          return;
        }
        // A brief has no number of its own: the pack's takes the same corner and type, at its footer's end, below it.
        const rest = page.words.filter((word) => Math.abs(word.yMin - (number?.yMin ?? 0)) > 1);
        const lowest = Math.max(...rest.map((word) => word.yMax));
        const footerEnd = Math.max(...rest.filter((word) => word.yMax > lowest - 30).map((word) => word.xMax));
        expect(number?.yMin, `${pack} page ${at}`).toBeGreaterThan(lowest);
        expect(Math.abs((number?.xMax ?? 0) - footerEnd), `${pack} page ${at}`).toBeLessThan(0.5);
        expect(placeOf(number)[2], `${pack} page ${at}`).toBe(own[0]?.[2]);
      });
    });
  }

  it('numbers the right-to-left pack in the mirrored corner, at the bottom left', () => {
    const pack = join(out, 'ar-MA/briefing-pack.pdf');
    const pages = pageWords(pack);
    expect(pages.length).toBeGreaterThan(1);
    pages.slice(1).forEach((page, index) => {
      const at = index + 2;
      const bottom = Math.max(...page.words.map((word) => word.yMin));
      const line = page.words.filter((word) => Math.abs(word.yMin - bottom) < 2);
      expect(
        line.map((word) => word.text),
        `page ${at}`,
      ).toEqual(expect.arrayContaining([String(at), String(pages.length)]));
      expect(
        line.every((word) => word.xMax < page.width / 2),
        `page ${at}`,
      ).toBe(true);
    });
  });
});
