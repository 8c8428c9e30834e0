import { FactsheetsError } from '../errors.js';
import type { PrintedImage, PrintedTextSize } from '../model/documents.js';
import { FIT_FLOOR } from '../model/fit.js';

/** The least resolution of a raster image at its printed size, unless the layout declares another (`data-min-image-ppi`). */
export const DEFAULT_MIN_IMAGE_PPI = 150;

const CSS_PX_PER_INCH = 96;
const MM_PER_INCH = 25.4;

/** The smallest text a page may print, unless the layout declares another (`data-min-text-pt`). */
export const DEFAULT_MIN_TEXT_PT = 6;

/** What a layout's `<body>` declares for the prepress checks: the least ppi and type size, and whether falling short fails the document. */
export interface PrepressRules {
  readonly minImagePpi: number;
  readonly minTextPt: number;
  readonly failing: boolean;
}

/** The rules a page's HTML declares on its body (`data-min-image-ppi="300" data-prepress="error"`), else the defaults. */
export function prepressRules(html: string): PrepressRules {
  const body = /<body\b[^>]*>/i.exec(html)?.[0] ?? '';
  const ppi = Number(/\sdata-min-image-ppi="(\d{1,4})"/.exec(body)?.[1] ?? Number.NaN);
  const pt = Number(/\sdata-min-text-pt="(\d{1,2}(?:\.\d)?)"/.exec(body)?.[1] ?? Number.NaN);
  return {
    minImagePpi: Number.isFinite(ppi) && ppi > 0 ? ppi : DEFAULT_MIN_IMAGE_PPI,
    minTextPt: Number.isFinite(pt) && pt > 0 ? pt : DEFAULT_MIN_TEXT_PT,
    failing: /\sdata-prepress="error"/.test(body),
  };
}

/**
 * Raster images that print below the resolution a print needs, one problem per file (its
 * lowest resolution), as the layout declares: warnings, or errors that fail the document.
 * The resolution is the image's pixels over its printed size, on its tighter axis.
 */
export function lowResolutionImages(images: readonly PrintedImage[], rules: PrepressRules): FactsheetsError[] {
  const worst = new Map<string, { image: PrintedImage; ppi: number }>();
  for (const image of images) {
    const ppi = Math.min(
      image.pixelsWide / (image.printedWidthPx / CSS_PX_PER_INCH),
      image.pixelsHigh / (image.printedHeightPx / CSS_PX_PER_INCH),
    );
    const known = worst.get(image.name);
    if (ppi < rules.minImagePpi && (known === undefined || ppi < known.ppi)) worst.set(image.name, { image, ppi });
  }
  return [...worst.values()].map(({ image, ppi }) => {
    const widthMm = (image.printedWidthPx / CSS_PX_PER_INCH) * MM_PER_INCH;
    const heightMm = (image.printedHeightPx / CSS_PX_PER_INCH) * MM_PER_INCH;
    const needed = (px: number) => Math.ceil((px / CSS_PX_PER_INCH) * rules.minImagePpi);
    return new FactsheetsError(
      `the image ${image.name === '' ? '(unnamed)' : image.name} prints at ${Math.floor(ppi)} ppi (${image.pixelsWide} × ${image.pixelsHigh} pixels over ${widthMm.toFixed(0)} × ${heightMm.toFixed(0)} mm), below the ${rules.minImagePpi} ppi a print needs`,
      {
        stage: 'finish',
        ...(image.name === '' ? {} : { file: image.name }),
        hint: `Use an image of at least ${needed(image.printedWidthPx)} × ${needed(image.printedHeightPx)} pixels, or print it smaller.`,
      },
    );
  });
}

/**
 * Text that prints smaller than the layout's floor (default 6 pt), measured on the page (a
 * chart's labels shrink with its column, which no style sheet shows): one problem per element
 * and size, as the layout declares (warnings, or errors).
 */
export function smallText(
  sizes: readonly PrintedTextSize[],
  rules: PrepressRules,
  ruleOf: (where: string) => { readonly file: string; readonly line?: number },
): FactsheetsError[] {
  return sizes
    .filter((size) => size.pt < rules.minTextPt - 0.05)
    .map(
      (size) =>
        new FactsheetsError(
          `text prints at ${size.pt} pt, under the ${rules.minTextPt} pt floor: ${size.where} "${size.sample}"`,
          {
            stage: 'finish',
            ...ruleOf(size.where),
            hint: `Set ${size.where} at ${rules.minTextPt} pt or more in the layout's style sheet (a chart's labels: size the chart in points, or give it a wider column).`,
          },
        ),
    );
}

/**
 * The fitting floor, checked on the printed prose rather than on the setting: a fit step whose
 * rules set the paragraphs themselves smaller than the floor (the narrative's own size stays
 * 9 pt) is an error, like any step under the floor. Its blocks are judged (paragraphs, list
 * items, quotes), not the code, footnote marks or tables inside them.
 */
export function proseUnderFitFloor(sizes: readonly PrintedTextSize[]): FactsheetsError | undefined {
  const under = sizes.find((size) => size.inProse && size.pt < FIT_FLOOR.bodyPt - 0.05);
  return under === undefined
    ? undefined
    : new FactsheetsError(
        `the prose prints at ${under.pt} pt, under the ${FIT_FLOOR.bodyPt} pt floor of fitting: ${under.where} "${under.sample}"`,
        {
          stage: 'finish',
          hint: `Keep the prose, and every fit step's rules for it, at ${FIT_FLOOR.bodyPt} pt or more in the layout's style sheet.`,
        },
      );
}
