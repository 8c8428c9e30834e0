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
