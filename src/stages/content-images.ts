import { readFileSync, realpathSync, type Stats, statSync } from 'node:fs';
import { errorCode, fileKind, isInside } from '../folders.js';
import { DEFAULT_LIMITS, formatBytes, type Limits } from '../limits.js';
import type { ImageRead, ImageReader } from './render/images.js';

/**
 * Reads the images documents embed, by absolute path: only regular files inside the content
 * folder (through links too), within the size limit. Anything else is never opened.
 */
export function contentImageReader(
  contentDir: string,
  limits: Pick<Limits, 'imageBytes'> = DEFAULT_LIMITS,
): ImageReader {
  let realContent: string | undefined;
  return (path: string): ImageRead => {
    let target: string;
    try {
      realContent ??= realpathSync(contentDir);
      target = realpathSync(path);
    } catch {
      return { skip: 'the file does not exist' };
    }
    if (!isInside(realContent, target)) return { skip: 'the file is outside the content folder' };
    let stats: Stats;
    try {
      stats = statSync(target);
    } catch {
      return { skip: 'the file does not exist' };
    }
    if (!stats.isFile())
      return {
        refuse: `is not a regular file but ${fileKind(stats)}`,
        hint: 'Replace it with an image file, or remove the image from the Markdown.',
      };
    if (stats.size > limits.imageBytes) {
      return {
        refuse: `has ${formatBytes(stats.size)}; an image may have at most ${formatBytes(limits.imageBytes)}`,
        hint: 'Compress or scale the image down, or raise the imageBytes limit.',
      };
    }
    try {
      return { bytes: readFileSync(target) };
    } catch (error) {
      return { refuse: `cannot be read (${errorCode(error)})`, hint: 'Check that the file is readable.' };
    }
  };
}
