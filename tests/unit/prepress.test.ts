import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_IMAGE_PPI,
  DEFAULT_MIN_TEXT_PT,
  lowResolutionImages,
  prepressRules,
  proseUnderFitFloor,
  smallText,
} from '../../src/stages/prepress.js';

const image = (
  name: string,
  pixelsWide: number,
  pixelsHigh: number,
  printedWidthPx: number,
  printedHeightPx: number,
) => ({ name, pixelsWide, pixelsHigh, printedWidthPx, printedHeightPx });

describe('prepress: images print at a resolution a press can use', () => {
  it("reads the layout's rules from its body, else 150 ppi as warnings", () => {
    expect(prepressRules('<html><body class="one-pager">')).toEqual({
      minImagePpi: DEFAULT_MIN_IMAGE_PPI,
      minTextPt: DEFAULT_MIN_TEXT_PT,
      failing: false,
    });
    expect(
      prepressRules('<body class="x" data-min-image-ppi="300" data-min-text-pt="7.5" data-prepress="error">'),
    ).toEqual({ minImagePpi: 300, minTextPt: 7.5, failing: true });
  });

  it('names an image under the floor, by its file, its resolution and the pixels it needs', () => {
    // 30 pixels over 96 CSS pixels (one inch): 30 ppi.
    const [problem, ...rest] = lowResolutionImages(
      [image('content/countries/images/logo.png', 30, 15, 96, 48)],
      prepressRules('<body>'),
    );
    expect(rest).toEqual([]);
    expect(problem?.message).toBe(
      'the image content/countries/images/logo.png prints at 30 ppi (30 × 15 pixels over 25 × 13 mm), below the 150 ppi a print needs',
    );
    expect(problem?.file).toBe('content/countries/images/logo.png');
    expect(problem?.hint).toBe('Use an image of at least 150 × 75 pixels, or print it smaller.');
  });

  it('passes images at or over the floor, and reports a file once, at its worst', () => {
    const rules = prepressRules('<body>');
    expect(lowResolutionImages([image('a.png', 300, 300, 192, 192)], rules)).toEqual([]);
    const twice = lowResolutionImages([image('b.png', 100, 100, 96, 96), image('b.png', 100, 100, 192, 192)], rules);
    expect(twice.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^the image b\.png prints at 50 ppi/),
    ]);
  });

  it('judges the tighter axis of a stretched image', () => {
    expect(lowResolutionImages([image('c.png', 600, 100, 96, 96)], prepressRules('<body>'))[0]?.message).toMatch(
      /prints at 100 ppi/,
    );
  });
});

const atSheet = () => ({ file: 'templates/styles/one-pager.css', line: 12 });
const size = (pt: number, where: string, inProse = false) => ({ pt, where, sample: 'Trust Fund for Africa', inProse });

describe('prepress: type sizes measured on the page', () => {
  it("names text under the layout's floor by its element and words; passes text at the floor", () => {
    const rules = prepressRules('<body>');
    expect(
      smallText([size(5.4, 'text.bar-chart__label'), size(6, 'th'), size(9, 'p')], rules, atSheet).map((problem) => [
        problem.message,
        problem.file,
        problem.line,
      ]),
    ).toEqual([
      [
        'text prints at 5.4 pt, under the 6 pt floor: text.bar-chart__label "Trust Fund for Africa"',
        'templates/styles/one-pager.css',
        12,
      ],
    ]);
    expect(
      smallText([size(7, 'span.sample-badge')], prepressRules('<body data-min-text-pt="7.5">'), atSheet),
    ).toHaveLength(1);
  });

  it('checks the fitting floor on the printed prose blocks, not on its setting; other runs of text are not judged by it', () => {
    expect(proseUnderFitFloor([size(6.5, 'p', true), size(9, 'p', true)])?.message).toBe(
      'the prose prints at 6.5 pt, under the 9 pt floor of fitting: p "Trust Fund for Africa"',
    );
    expect(
      proseUnderFitFloor([size(6.5, 'sup'), size(7, 'th'), size(8.8, 'code'), size(9, 'p', true)]),
    ).toBeUndefined();
  });
});
