import { describe, expect, it } from 'vitest';
import { printGeometry } from '../../src/stages/print-geometry.js';

const A4 = { widthMm: 210, heightMm: 297 };
const SHEET = 'templates/styles/one-pager.css';

describe('the print geometry comes from the layout: print page minus screen page', () => {
  it("takes any bleed from 0 to 10 mm, Chromium's point rounding forgiven", () => {
    expect(printGeometry({ widthMm: 216, heightMm: 303 }, A4, SHEET)).toEqual({ bleedMm: 3, slugMm: 10 });
    // As Chromium prints 220 × 307 mm and A4: in whole pixels.
    expect(printGeometry({ widthMm: 220.13, heightMm: 306.92 }, { widthMm: 209.89, heightMm: 297.01 }, SHEET)).toEqual({
      bleedMm: 5.04,
      slugMm: 10,
    });
    expect(printGeometry(A4, A4, SHEET)).toEqual({ bleedMm: 0, slugMm: 10 });
    expect(printGeometry({ widthMm: 230, heightMm: 317 }, A4, SHEET)).toEqual({ bleedMm: 10, slugMm: 10 });
  });

  it('refuses uneven bleed, naming the sheet and the sizes', () => {
    expect(() => printGeometry({ widthMm: 216, heightMm: 307 }, A4, SHEET)).toThrow(
      expect.objectContaining({
        file: SHEET,
        message:
          "the print edition's page is 216 × 307 mm for a 210 × 297 mm trim (the screen edition's page): that is 3 mm of bleed across but 5 mm down",
        hint: expect.stringContaining('for 5 mm on this page, size: 220mm 307mm') as string,
      }) as Error,
    );
  });

  it('refuses a page that shrinks or a bleed past 10 mm', () => {
    expect(() => printGeometry({ widthMm: 208, heightMm: 295 }, A4, SHEET)).toThrow(
      /a bleed of -1 mm, outside 0 to 10 mm/,
    );
    expect(() => printGeometry({ widthMm: 234, heightMm: 321 }, A4, SHEET)).toThrow(
      /a bleed of 12 mm, outside 0 to 10 mm/,
    );
  });
});
