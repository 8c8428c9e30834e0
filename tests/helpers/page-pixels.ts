import { execFileSync } from 'node:child_process';

/** One page of a PDF as poppler draws it (pdftoppm), independently of this project's own rasteriser. */
export interface PagePixels {
  readonly width: number;
  readonly height: number;
  /** Three bytes a pixel (red, green, blue), row by row. */
  readonly rgb: Uint8Array;
}

export function pagePixels(path: string, page: number, dpi = 72): PagePixels {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), path], {
    maxBuffer: 256 * 1024 * 1024,
  });
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 40));
  if (header === null) throw new Error(`pdftoppm gave no image for page ${page} of ${path}`);
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

/** Whether the pixel at x, y is `hex` (#rrggbb), each channel within `tolerance`. */
export function pixelIs(image: PagePixels, x: number, y: number, hex: string, tolerance = 24): boolean {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
  const start = (y * image.width + x) * 3;
  return [1, 3, 5].every(
    (offset, channel) =>
      Math.abs((image.rgb[start + channel] ?? -255) - Number.parseInt(hex.slice(offset, offset + 2), 16)) <= tolerance,
  );
}
