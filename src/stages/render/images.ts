import { readFileSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { dataUri, IMAGE_TYPES, imageType } from '../../image-types.js';

/** Where a document's images may come from: files under `contentDir`, relative to the document. */
export interface ImageSource {
  readonly contentDir: string;
  readonly documentDir: string;
}

/**
 * A rehype plugin that inlines each `<img>` from the content folder as a data: URI and removes
 * any other (remote URLs, absolute paths, `..` out of the folder, other file types), with a
 * message on the file. The printed page may then load nothing at all: it needs no file or
 * network access, and a document cannot make the browser read outside the content folder.
 */
export function inlineImages() {
  return (tree: Root, file: VFile): void => {
    const source = file.data['images'] as ImageSource | undefined;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img' || parent === undefined || index === undefined) return;
      const src = typeof node.properties['src'] === 'string' ? node.properties['src'] : '';
      const inlined = source === undefined ? undefined : readImage(src, source);
      if (typeof inlined === 'string') {
        node.properties['src'] = inlined;
        return;
      }
      file.message(`removed the image "${src}": ${inlined?.reason ?? 'images are not allowed here'}`, node);
      parent.children.splice(index, 1);
      return index;
    });
  };
}

function readImage(src: string, source: ImageSource): string | { reason: string } {
  if (src === '' || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || isAbsolute(src)) {
    return { reason: 'images must be files in the content folder, given by a relative path' };
  }
  const type = imageType(src.split(/[?#]/)[0] ?? '');
  if (type === undefined) return { reason: `only ${Object.keys(IMAGE_TYPES).join(' ')} images are embedded` };
  let path: string;
  try {
    path = realpathSync(resolve(source.documentDir, decodeURIComponent(src.split(/[?#]/)[0] ?? '')));
  } catch {
    return { reason: 'the file does not exist' };
  }
  const inside = relative(realpathSync(source.contentDir), path);
  if (inside.startsWith('..') || inside.startsWith(sep) || isAbsolute(inside)) {
    return { reason: 'the file is outside the content folder' };
  }
  return dataUri(type, readFileSync(path));
}
