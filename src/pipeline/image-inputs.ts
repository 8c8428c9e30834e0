import { relative, resolve, sep } from 'node:path';
import type { BuildConfig } from '../config.js';
import { contentImageReader } from '../stages/content-images.js';
import { imageState } from '../stages/render/images.js';
import type { HtmlPage } from '../model/documents.js';
import { sha256 } from './manifest.js';

/**
 * The images a PDF was made with are inputs like its Markdown: each file its page asked for,
 * by path in the content folder, with what reading it gave (its bytes' hash, or why it was
 * left out: a missing image is an input too, so that adding the file makes the page again).
 * Which files a page asks for is known once it is rendered; the manifest keeps the list, and
 * the next build reads those files again to tell whether the PDF is current.
 */
export interface ImageInputs {
  /** Paths relative to the content folder, sorted, each once. */
  readonly paths: readonly string[];
  readonly hash: string;
}

/** The images a rendered page used, as it read them. */
export function imagesUsed(page: HtmlPage, config: Pick<BuildConfig, 'contentDir'>): ImageInputs {
  const states = new Map<string, string>();
  for (const use of page.images ?? []) {
    const path = relative(config.contentDir, use.path).split(sep).join('/');
    if (!states.has(path)) states.set(path, use.state);
  }
  return hashed(states);
}

/** The same images as they are on disk now. */
export function imagesNow(
  paths: readonly string[] | undefined,
  config: Pick<BuildConfig, 'contentDir' | 'limits'>,
): ImageInputs {
  if (paths === undefined || paths.length === 0) return hashed(new Map());
  const read = contentImageReader(config.contentDir, config.limits);
  return hashed(new Map(paths.map((path) => [path, imageState(read(resolve(config.contentDir, path)))])));
}

function hashed(states: ReadonlyMap<string, string>): ImageInputs {
  const paths = [...states.keys()].sort();
  return { paths, hash: sha256(JSON.stringify(paths.map((path) => [path, states.get(path)]))) };
}
