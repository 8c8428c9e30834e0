import { describe, expect, it } from 'vitest';
import { svgImageProblems } from '../../src/stages/render/svg-image.js';
import { markdownToHtml } from '../../src/stages/render/markdown.js';
import type { ImageSource } from '../../src/stages/render/images.js';

const imagesFrom = (files: Readonly<Record<string, Buffer>>): ImageSource => ({
  documentDir: '/content/countries',
  file: 'countries/mali.md',
  read: (path) => (files[path] === undefined ? { skip: 'the file does not exist' } : { bytes: files[path] }),
});

const svg = (body: string) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${body}</svg>`,
  );

describe('an SVG shown as an image', () => {
  it('finds a reference to anything outside itself, and text', () => {
    expect(svgImageProblems(svg('<image href="logo.png" width="10" height="10"/>'))).toEqual({
      external: 'logo.png',
      hasText: false,
    });
    expect(svgImageProblems(svg('<image xlink:href="https://example.org/a.png"/>')).external).toBe(
      'https://example.org/a.png',
    );
    expect(svgImageProblems(svg('<style>@import "fonts.css"; .a { fill: url(pattern.svg#p) }</style>')).external).toBe(
      'pattern.svg#p',
    );
    expect(svgImageProblems(svg('<text x="1" y="5">Agency</text>')).hasText).toBe(true);
  });

  it('passes what stays inside it: #ids, data: URIs, comments', () => {
    expect(
      svgImageProblems(
        svg(
          '<defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/><image href="data:image/png;base64,AAAA"/><!-- <image href="x.png"/> <text> -->',
        ),
      ),
    ).toEqual({ external: undefined, hasText: false });
  });
});

describe('an SVG image in the Markdown', () => {
  it('that refers to a file outside itself fails the document at the image', () => {
    expect(() =>
      markdownToHtml(
        'Text\n\n![The logo](logo.svg)',
        imagesFrom({ '/content/countries/logo.svg': svg('<image href="logo.png"/>') }),
      ),
    ).toThrow(
      expect.objectContaining({
        file: 'countries/mali.md',
        line: 3,
        column: 1,
        message:
          'the image "logo.svg" refers to "logo.png" outside itself, which an image cannot load: it would print without it',
        hint: expect.stringContaining('a data: URI') as string,
      }) as Error,
    );
  });

  it('with text is embedded, with a warning that says how to keep its type', () => {
    const result = markdownToHtml(
      '![The logo](logo.svg)',
      imagesFrom({ '/content/countries/logo.svg': svg('<text>Agency</text>') }),
    );
    expect(result.html).toContain('data:image/svg+xml;name=countries%2Flogo.svg;base64,');
    expect(result.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^countries\/logo\.svg has <text>, which an SVG shown as an image prints in a fallback font .*convert its text to outlines/,
        ) as string,
        line: 1,
      },
    ]);
  });
});

describe('an SVG asset of the templates with text', () => {
  it('is a warning at the asset, when the build starts', async () => {
    const { cp, writeFile, mkdir } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { loadSources } = await import('../../src/stages/load.js');
    const { validateSources } = await import('../../src/stages/validate.js');
    const { SAMPLE_CONTENT, TEMPLATES, tempDir } = await import('../helpers/content.js');
    const templates = join(await tempDir('factsheets-svg-asset-'), 'templates');
    await cp(TEMPLATES, templates, { recursive: true });
    await mkdir(join(templates, 'assets'), { recursive: true });
    await writeFile(join(templates, 'assets/wordmark.svg'), svg('<text>Agency</text>'));
    const { warnings } = validateSources(await loadSources(SAMPLE_CONTENT, templates));
    expect(warnings.filter((warning) => warning.file?.endsWith('assets/wordmark.svg'))).toEqual([
      {
        message: expect.stringMatching(
          /^this SVG has <text>, which an SVG shown as an image prints in a fallback font/,
        ) as string,
        file: expect.stringMatching(/assets\/wordmark\.svg$/) as string,
      },
    ]);
  });
});
