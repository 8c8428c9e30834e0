import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { PageImage } from './rasterise.js';

/** How two renderings of a page differ. */
export interface PixelDiff {
  /** Pixels that differ beyond anti-aliasing. */
  readonly differentPixels: number;
  /** The approved page, faded, with the differences in red (pixelmatch's diff image). */
  readonly highlight: PageImage;
}

/**
 * Per-pixel colour distance under which two pixels count as equal (pixelmatch's YIQ
 * threshold, 0–1). Both sides are rendered by the same pdf.js here, so equal content gives
 * equal pixels; the tolerance is for anti-aliased edges (not counted, pixelmatch finds them),
 * and is kept low so that a slight colour change to a panel is still seen (pixelmatch's
 * default of 0.1 would pass #f7f9fc → #eef3fa as equal).
 */
const THRESHOLD = 0.02;

/** Compares two renderings of the same page; pages of different sizes differ everywhere. */
export function comparePages(approved: PageImage, current: PageImage): PixelDiff {
  if (approved.width !== current.width || approved.height !== current.height) {
    return {
      differentPixels: Math.max(approved.width * approved.height, current.width * current.height),
      highlight: current,
    };
  }
  const { width, height } = current;
  if (
    Buffer.from(approved.pixels.buffer, approved.pixels.byteOffset, approved.pixels.byteLength).equals(current.pixels)
  )
    return { differentPixels: 0, highlight: current };
  const output = new Uint8Array(width * height * 4);
  const differentPixels = pixelmatch(approved.pixels, current.pixels, output, width, height, {
    threshold: THRESHOLD,
    includeAA: false,
    alpha: 0.2,
  });
  return { differentPixels, highlight: { width, height, pixels: output } };
}

/** A page image as a PNG: no row filter and light compression, several times quicker than trying every filter (for a report, not an archive). */
export function encodePng(image: PageImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.pixels.buffer, image.pixels.byteOffset, image.pixels.byteLength);
  return PNG.sync.write(png, { deflateLevel: 1, filterType: 0 });
}
