import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../../src/stages/render/markdown.js';
import type { ImageRead, ImageSource } from '../../src/stages/render/images.js';

const GIF = Buffer.from('GIF89a\x02\x00\x03\x00\x00\x00\x00;', 'latin1');

/** Images from memory: the render stage needs no disk, only a reader. */
function imagesFrom(files: Readonly<Record<string, ImageRead>>, imagePixels = 100): ImageSource {
  return {
    documentDir: '/content/countries',
    file: 'countries/mali.md',
    limits: { imagePixels },
    read: (path) => files[path] ?? { skip: 'the file does not exist' },
  };
}

describe('images through an injected reader', () => {
  it('fails the document at an image without alternative text (PDF/UA-1 7.3-1), saying how to give it one', () => {
    for (const markdown of ['Text\n\n![](a.gif)', 'Text\n\n![  ](a.gif)']) {
      expect(() => markdownToHtml(markdown, imagesFrom({ '/content/countries/a.gif': { bytes: GIF } }))).toThrow(
        expect.objectContaining({
          file: 'countries/mali.md',
          line: 3,
          column: 1,
          message: 'the image "a.gif" has no alternative text',
          hint: 'Say what it shows between the brackets: ![what the image shows](a.gif).',
        }) as Error,
      );
    }
  });

  it('embeds an image by its real type, whatever its name says', () => {
    const result = markdownToHtml('![x](../images/a.png)', imagesFrom({ '/content/images/a.png': { bytes: GIF } }));
    expect(result.html).toBe(
      `<p><img src="data:image/gif;name=images%2Fa.png;base64,${GIF.toString('base64')}" alt="x"></p>`,
    );
  });

  it('removes, with a warning, a file that is no image', () => {
    const result = markdownToHtml(
      '![x](page.png)',
      imagesFrom({ '/content/countries/page.png': { bytes: Buffer.from('<html><script>x</script>') } }),
    );
    expect(result.html).toBe('<p></p>');
    expect(result.warnings).toEqual([
      {
        message: 'removed the image "page.png": the file is not an image: its content is not PNG JPG JPEG GIF WEBP SVG',
        line: 1,
      },
    ]);
  });

  it('fails the document, at the image, for more pixels than the limit or for what the reader refuses', () => {
    expect(() =>
      markdownToHtml('Text\n\n![x](a.gif)', imagesFrom({ '/content/countries/a.gif': { bytes: GIF } }, 5)),
    ).toThrow(
      expect.objectContaining({
        file: 'countries/mali.md',
        line: 3,
        column: 1,
        message: 'the image "a.gif" decodes to 2 × 3 pixels (6 pixels); the limit is 5 pixels',
      }) as Error,
    );
    expect(() =>
      markdownToHtml(
        '![x](p.png)',
        imagesFrom({
          '/content/countries/p.png': { refuse: 'is not a regular file but a named pipe (FIFO)', hint: 'h' },
        }),
      ),
    ).toThrow(
      expect.objectContaining({
        line: 1,
        message: 'the image "p.png" is not a regular file but a named pipe (FIFO)',
        hint: 'h',
      }) as Error,
    );
  });
});

describe('images named many times', () => {
  it('fail the document once their copies in the page pass documentImageBytes, at the reference that passes it', () => {
    const big = Buffer.concat([GIF, Buffer.alloc(3 * 1024 * 1024)]);
    const source: ImageSource = {
      documentDir: '/content/countries',
      file: 'countries/mali.md',
      limits: { documentImageBytes: 10 * 1024 * 1024 },
      read: (path) => (path === '/content/countries/map.gif' ? { bytes: big } : { skip: 'the file does not exist' }),
    };
    const markdown = Array.from({ length: 100 }, () => '![map](map.gif)').join('\n\n');
    expect(() => markdownToHtml(markdown, source)).toThrow(
      /the image "map.gif" brings the images of this document to more than 10 MB/,
    );
    expect(
      markdownToHtml(Array.from({ length: 3 }, () => '![map](map.gif)').join('\n\n'), source).html.match(
        /data:image\/gif/g,
      ),
    ).toHaveLength(3);
  });
});
