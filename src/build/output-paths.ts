import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { escapeForMessage, FactsheetsError } from '../errors.js';

/**
 * The only shape of path a build writes (`mali.pdf`, `countries/mali.pdf`, an edition's
 * `fr/countries/mali.pdf`, `print/…`). A
 * manifest is a file anyone may have planted or committed: a path read from it is used only
 * if it has this shape and its folder resolves, through links, inside the output folder.
 */
const OUTPUT_PATH = /^(?:print\/)?(?:[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\/)?(?:countries\/)?[a-z0-9]+(?:-[a-z0-9]+)*\.pdf$/;

/**
 * The absolute path of a manifest's `output` inside `outDir`, or a FactsheetsError naming the
 * manifest when the path has another shape or leads outside (for example through a linked
 * `countries/` folder). A missing folder is inside: there is nothing in it to touch.
 */
export function confinedOutputPath(outDir: string, output: unknown, manifestFile: string): string | FactsheetsError {
  const outside = (why: string): FactsheetsError => new FactsheetsError(
    `the manifest lists an output ${why}: ${escapeForMessage(JSON.stringify(output) ?? String(output))}`, {
      stage: 'write', file: manifestFile,
      hint: 'Nothing was deleted. Remove manifest.json from the output folder (it is only a record) and build again.',
    });
  if (typeof output !== 'string' || !OUTPUT_PATH.test(output)) return outside('that is not a PDF path the build writes');
  const target = join(outDir, output);
  const folder = realFolder(dirname(target));
  const root = realFolder(outDir);
  if (folder === undefined || root === undefined) return target;
  const inside = relative(root, folder);
  if (inside.startsWith('..') || isAbsolute(inside)) return outside('whose folder leads outside the output folder');
  return target;
}

function realFolder(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
