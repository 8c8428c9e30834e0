import { extname } from 'node:path';

/** The image types a page may embed, by file extension. */
export const IMAGE_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
};

/** The media type of an image path, or undefined for anything that is not an embeddable image. */
export function imageType(path: string): string | undefined {
  return IMAGE_TYPES[extname(path).toLowerCase()];
}

/**
 * Bytes as a `data:` URI: the only kind of URL the printed page may load. `name` (the file it
 * came from) travels as a media-type parameter, so that what the page measures of an image (its
 * printed resolution) can name the file to replace.
 */
export function dataUri(type: string, bytes: Buffer, name?: string): string {
  return `data:${type}${name === undefined ? '' : `;name=${encodeURIComponent(name)}`};base64,${bytes.toString('base64')}`;
}

/** The file a data: URI says it came from (see dataUri), if it says. */
export function dataUriName(uri: string): string | undefined {
  const name = /^data:[^;,]*;name=([^;,]*)[;,]/.exec(uri.slice(0, 2048))?.[1];
  return name === undefined ? undefined : decodeURIComponent(name);
}
