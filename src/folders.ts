import type { Stats } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';

/**
 * The one "inside this folder" check: whether `target` is `folder` itself or anything under it
 * (both absolute, or both relative to the same place). A name that merely starts with two dots
 * (`..notes`) is inside; only a climb (`..`, `../x`) or another root is outside.
 */
export function isInside(folder: string, target: string): boolean {
  const inside = relative(folder, target);
  return !(inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside));
}

/** What `Stats` and directory entries both say about a file's type. */
export type FileKind = Pick<
  Stats,
  'isFIFO' | 'isSocket' | 'isDirectory' | 'isFile' | 'isCharacterDevice' | 'isBlockDevice'
>;

/** `a named pipe (FIFO)`, `a socket`, `a folder`: what stands where a file should be. */
export function fileKind(stats: FileKind): string {
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFile()) return 'a regular file';
  return stats.isCharacterDevice() || stats.isBlockDevice() ? 'a device' : 'something else';
}

/** A file-system error's code (`ENOENT`), else its message: what a message says went wrong. */
export function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}

/** Paths in messages are relative to the working directory when that is shorter. */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const fromCwd = relative(cwd, absolutePath);
  return fromCwd.startsWith('..') || fromCwd === '' ? absolutePath : fromCwd.split('\\').join('/');
}
