import { describe, expect, it } from 'vitest';
import { MAX_PAGE_PIXELS, openForRendering } from '../../src/review/rasterise.js';

/** A one-page PDF of `width` × `height` points with a square drawn on it, its cross-reference table exact. */
function pdfOfSize(width: number, height: number): Uint8Array {
  const content = `0 0 0 rg 10 10 ${width / 2} ${height / 2} re f`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${width} ${height}] /Contents 4 0 R /Resources << >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let text = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(text.length);
    text += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

async function rendered(width: number, height: number): Promise<{ width: number; height: number; dark: boolean }> {
  const pdf = await openForRendering(pdfOfSize(width, height));
  try {
    const image = await pdf.render(1);
    // The square is drawn (the page is scaled down, not cut off): some pixel is dark.
    let dark = false;
    for (let index = 0; index < image.pixels.length && !dark; index += 4 * 97)
      dark = (image.pixels[index] ?? 255) < 128 && (image.pixels[index + 3] ?? 0) > 0;
    return { width: image.width, height: image.height, dark };
  } finally {
    await pdf.close();
  }
}

describe('review draws a page within a pixel budget', () => {
  it('an A4 page at 90 dpi, as before', async () => {
    const a4 = await rendered(595, 842);
    expect([a4.width, a4.height]).toEqual([744, 1053]);
  });

  it('a 2000 × 2000 pt page is drawn smaller, within the budget, the whole page', async () => {
    const page = await rendered(2000, 2000);
    expect(page.width * page.height).toBeLessThanOrEqual(MAX_PAGE_PIXELS);
    expect(page.width).toBe(page.height);
    expect(page.dark).toBe(true);
  });

  it('a 14400 × 14400 pt page (the largest a PDF allows) costs what an ordinary page does', async () => {
    const page = await rendered(14400, 14400);
    expect(page.width * page.height).toBeLessThanOrEqual(MAX_PAGE_PIXELS);
    expect(page.width).toBeGreaterThan(1000);
    expect(page.dark).toBe(true);
  });
});
