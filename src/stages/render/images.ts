import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { FactsheetsError } from '../../errors.js';
import { dataUri, IMAGE_TYPES, imageType } from '../../image-types.js';
import { DEFAULT_LIMITS, formatBytes, type Limits } from '../../limits.js';
import { readImageHeader } from './image-header.js';
import { SVG_EXTERNAL_HINT, svgImageProblems, svgTextWarning } from './svg-image.js';

/**
 * What reading one image file gave: its bytes; a reason to leave it out (removed with a
 * warning, as a missing file is); or a reason to fail the document (a pipe, a folder, a
 * file past the size limit), with what to do about it.
 */
export type ImageRead =
  | { readonly bytes: Buffer }
  | { readonly skip: string }
  | { readonly refuse: string; readonly hint: string };

/** An image file a page asked for (absolute path), and what reading it gave (see imageState): an input of its PDF. */
export interface ImageUse {
  readonly path: string;
  readonly state: string;
}

/** What a read gave, as one string: the bytes' SHA-256, or why there were none (a missing file is an input too: adding it changes the page). */
export function imageState(read: ImageRead): string {
  if ('bytes' in read) return createHash('sha256').update(read.bytes).digest('hex');
  return 'skip' in read ? `skipped: ${read.skip}` : `refused: ${read.refuse}`;
}

/** A reader that notes every path it is asked for, and what it gave. */
export function recordingReader(read: ImageReader, uses: ImageUse[]): ImageReader {
  return (path) => {
    const result = read(path);
    uses.push({ path, state: imageState(result) });
    return result;
  };
}

/** Reads an image by absolute path, confined to the content folder (see `contentImageReader` in load.ts). */
export type ImageReader = (path: string) => ImageRead;

/** Where a document's images may come from, and the file that names them (for messages). */
export interface ImageSource {
  readonly documentDir: string;
  readonly file: string;
  readonly read: ImageReader;
  readonly limits?: Partial<Pick<Limits, 'imagePixels' | 'documentImageBytes'>>;
}

/**
 * A rehype plugin that inlines each `<img>` from the content folder as a data: URI and removes
 * any other (remote URLs, absolute paths, `..` out of the folder, other file types), with a
 * message on the file. The printed page may then load nothing at all: it needs no file or
 * network access, and a document cannot make the browser read outside the content folder.
 * An image is embedded by its real type, read from its bytes, and only if it decodes to no
 * more pixels than the limit; a non-file or an oversized file fails the document.
 */
export function inlineImages() {
  return (tree: Root, file: VFile): void => {
    const source = file.data['images'] as ImageSource | undefined;
    const maxTotal = source?.limits?.documentImageBytes ?? DEFAULT_LIMITS.documentImageBytes;
    // Every reference is a copy in the page: a small file can name one large image many times.
    let total = 0;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img' || parent === undefined || index === undefined) return;
      const src = typeof node.properties['src'] === 'string' ? node.properties['src'] : '';
      let inlined = source === undefined ? { skip: 'images are not allowed here' } : readImage(src, source);
      if ('uri' in inlined) total += inlined.bytes;
      if ('uri' in inlined && total > maxTotal) {
        inlined = {
          refuse: `brings the images of this document to more than ${formatBytes(maxTotal)} (each reference is embedded again)`,
          hint: 'Use fewer or smaller images, or raise the documentImageBytes limit.',
        };
      }
      if ('uri' in inlined && String(node.properties['alt'] ?? '').trim() === '') {
        // PDF/UA-1 (7.3-1): every figure needs alternative text, and only the writer knows what it shows.
        inlined = {
          refuse: 'has no alternative text',
          hint: `Say what it shows between the brackets: ![what the image shows](${src}).`,
        };
      }
      if ('refuse' in inlined) {
        throw new FactsheetsError(`the image "${src}" ${inlined.refuse}`, {
          stage: 'markdown',
          file: source?.file ?? '',
          ...(node.position === undefined
            ? {}
            : { line: node.position.start.line, column: node.position.start.column }),
          hint: inlined.hint,
        });
      }
      if ('uri' in inlined) {
        node.properties['src'] = inlined.uri;
        if (inlined.warning !== undefined) file.message(inlined.warning, node);
        return;
      }
      file.message(`removed the image "${src}": ${inlined.skip}`, node);
      parent.children.splice(index, 1);
      return index;
    });
  };
}

function readImage(
  src: string,
  source: ImageSource,
): { uri: string; bytes: number; warning?: string } | Exclude<ImageRead, { bytes: Buffer }> {
  if (src === '' || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || isAbsolute(src)) {
    return { skip: 'images must be files in the content folder, given by a relative path' };
  }
  const path = src.split(/[?#]/)[0] ?? '';
  if (imageType(path) === undefined) return { skip: `only ${Object.keys(IMAGE_TYPES).join(' ')} images are embedded` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return { skip: 'the file does not exist' };
  }
  const read = source.read(resolve(source.documentDir, decoded));
  if (!('bytes' in read)) return read;
  const header = readImageHeader(read.bytes);
  if (header === undefined)
    return {
      skip: `the file is not an image: its content is not ${Object.keys(IMAGE_TYPES).join(' ').replace(/\./g, '').toUpperCase()}`,
    };
  const maxPixels = source.limits?.imagePixels ?? DEFAULT_LIMITS.imagePixels;
  if (header.width !== undefined && header.height !== undefined && header.width * header.height > maxPixels) {
    return {
      refuse: `decodes to ${header.width} × ${header.height} pixels (${megapixels(header.width * header.height)}); the limit is ${megapixels(maxPixels)}`,
      hint: 'Scale the image down (300 dpi across an A4 page is some 2500 × 3500 pixels), or raise the imagePixels limit.',
    };
  }
  const name = join(dirname(source.file), decoded);
  if (header.type === 'image/svg+xml') {
    const svg = svgImageProblems(read.bytes);
    if (svg.external !== undefined)
      return {
        refuse: `refers to "${svg.external}" outside itself, which an image cannot load: it would print without it`,
        hint: SVG_EXTERNAL_HINT,
      };
    if (svg.hasText)
      return {
        uri: dataUri(header.type, read.bytes, name),
        bytes: read.bytes.byteLength,
        warning: svgTextWarning(name),
      };
  }
  return { uri: dataUri(header.type, read.bytes, name), bytes: read.bytes.byteLength };
}

function megapixels(pixels: number): string {
  return pixels >= 1_000_000
    ? `${Math.round(pixels / 100_000) / 10} megapixels`
    : `${pixels.toLocaleString('en')} pixels`;
}
