import { FactsheetsError } from '../errors.js';
import type { PrintedImage } from '../types.js';

/** The least resolution of a raster image at its printed size, unless the layout declares another (`data-min-image-ppi`). */
export const DEFAULT_MIN_IMAGE_PPI = 150;

const CSS_PX_PER_INCH = 96;
const MM_PER_INCH = 25.4;

/** What a layout's `<body>` declares for the prepress checks: the least ppi, and whether falling short fails the document. */
export interface PrepressRules {
  readonly minImagePpi: number;
  readonly failing: boolean;
}

/** The rules a page's HTML declares on its body (`data-min-image-ppi="300" data-prepress="error"`), else the defaults. */
export function prepressRules(html: string): PrepressRules {
  const body = /<body\b[^>]*>/i.exec(html)?.[0] ?? '';
  const ppi = Number(/\sdata-min-image-ppi="(\d{1,4})"/.exec(body)?.[1] ?? Number.NaN);
  return { minImagePpi: Number.isFinite(ppi) && ppi > 0 ? ppi : DEFAULT_MIN_IMAGE_PPI, failing: /\sdata-prepress="error"/.test(body) };
}

/**
 * Raster images that print below the resolution a print needs, one problem per file (its
 * lowest resolution), as the layout declares: warnings, or errors that fail the document.
 * The resolution is the image's pixels over its printed size, on its tighter axis.
 */
export function lowResolutionImages(images: readonly PrintedImage[], rules: PrepressRules): FactsheetsError[] {
  const worst = new Map<string, { image: PrintedImage; ppi: number }>();
  for (const image of images) {
    const ppi = Math.min(image.pixelsWide / (image.printedWidthPx / CSS_PX_PER_INCH), image.pixelsHigh / (image.printedHeightPx / CSS_PX_PER_INCH));
    const known = worst.get(image.name);
    if (ppi < rules.minImagePpi && (known === undefined || ppi < known.ppi)) worst.set(image.name, { image, ppi });
  }
  return [...worst.values()].map(({ image, ppi }) => {
    const widthMm = (image.printedWidthPx / CSS_PX_PER_INCH) * MM_PER_INCH;
    const heightMm = (image.printedHeightPx / CSS_PX_PER_INCH) * MM_PER_INCH;
    const needed = (px: number) => Math.ceil((px / CSS_PX_PER_INCH) * rules.minImagePpi);
    return new FactsheetsError(`the image ${image.name === '' ? '(unnamed)' : image.name} prints at ${Math.floor(ppi)} ppi (${image.pixelsWide} × ${image.pixelsHigh} pixels over ${widthMm.toFixed(0)} × ${heightMm.toFixed(0)} mm), below the ${rules.minImagePpi} ppi a print needs`, {
      stage: 'finish',
      ...(image.name === '' ? {} : { file: image.name }),
      hint: `Use an image of at least ${needed(image.printedWidthPx)} × ${needed(image.printedHeightPx)} pixels, or print it smaller.`,
    });
  });
}
