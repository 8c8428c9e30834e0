import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { FactsheetsError } from '../../errors.js';
import type { SourceFile } from '../../model/documents.js';
import { isCmykOutputProfile } from '../print-profile.js';

/**
 * The `print_profile` setting: a print shop's CMYK output profile, a file in the content
 * folder (beside factsheets.yml or below it). Checked here, at its line, so that a wrong path
 * or a profile of the wrong kind fails before anything is printed. Gives its absolute path.
 */
export function checkPrintProfile(
  settings: SourceFile,
  value: string | undefined,
  at: { line: number; column?: number },
): string | FactsheetsError | undefined {
  if (value === undefined) return undefined;
  const folder = dirname(settings.absolutePath);
  const path = resolve(folder, value);
  const where = { stage: 'validate' as const, file: settings.displayPath, ...at };
  const inside = relative(folder, path);
  if (isAbsolute(value) || inside.startsWith('..') || isAbsolute(inside)) {
    return new FactsheetsError(`print_profile "${value}" is outside the content folder`, {
      ...where,
      hint: "Put the print shop's .icc profile into the content folder and give its path from there, e.g. print_profile: profiles/shop.icc.",
    });
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return new FactsheetsError(`print_profile "${value}" cannot be read: there is no such file in the content folder`, {
      ...where,
      hint: 'Check the path (relative to the content folder), or remove print_profile to print for coated FOGRA39.',
    });
  }
  if (!isCmykOutputProfile(bytes)) {
    return new FactsheetsError(
      `print_profile "${value}" is not a CMYK output profile (an ICC profile of class "prtr" for CMYK)`,
      {
        ...where,
        hint: 'Ask the print shop for its CMYK output (press) profile, an .icc file; an RGB or monitor profile cannot describe a press.',
      },
    );
  }
  return path;
}
