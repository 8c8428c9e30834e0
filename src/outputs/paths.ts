import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { escapeForMessage, FactsheetsError } from '../errors.js';
import { isInside } from '../folders.js';
import type { Document, DocumentKind, DocumentResult, RenderJob, SettingsValues } from '../model/documents.js';

/**
 * Where every output goes, in one place: the grammar of the paths a build writes, the
 * project's language (which decides whether an edition goes under its language's folder),
 * and the check that a path read back from a manifest stays inside the output folder.
 *
 * An output is one of three kinds: a document's screen PDF, its print edition (the same page
 * with bleed and crop marks), and a language's briefing pack. A job says which by its
 * `edition` (see outputKindOf), never by the shape of its path. What each kind is and how it
 * is made is its module (registry.ts: outputFor).
 */

/** Every kind of output, in the order the reports list them. */
export const OUTPUT_KINDS = ['screen', 'print', 'pack'] as const;

/** Which output a PDF is. */
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** The project's language: its settings' `language`, else English. The only place that default is written. */
export function projectLanguage(settings: Pick<SettingsValues, 'language'>): string {
  return settings.language ?? 'en';
}

/** The language an edition is printed in: its own, else the project's. */
export function languageOf(document: Pick<Document, 'lang'>, settings: Pick<SettingsValues, 'language'>): string {
  return document.lang ?? projectLanguage(settings);
}

/** The folder an output in `lang` goes under: none for the project's language, else the language's (`fr/`). */
function languageFolder(lang: string | undefined, project: string): string {
  return lang === undefined || lang === project ? '' : `${lang}/`;
}

/**
 * Where a document's screen PDF goes, relative to the output folder: one-pagers under
 * `countries/`, and an edition in another language than the project's under its language
 * (`fr/countries/mali.pdf`).
 */
export function screenOutputPath(
  kind: DocumentKind,
  baseName: string,
  lang: string | undefined,
  project: string,
): string {
  return `${languageFolder(lang, project)}${kind === 'one-pager' ? `countries/${baseName}.pdf` : `${baseName}.pdf`}`;
}

/** The folder every print edition goes under. */
const PRINT_FOLDER = 'print/';

/** Where a document's print edition goes: its screen PDF's path under `print/`. */
export function printEditionPath(screenPath: string): string {
  return `${PRINT_FOLDER}${screenPath}`;
}

/** Whether an output path is a print edition's. */
export function isPrintEditionPath(output: string): boolean {
  return output.startsWith(PRINT_FOLDER);
}

/** The briefing pack's name, and its file's. */
export const PACK_NAME = 'briefing-pack';
export const PACK_OUTPUT = `${PACK_NAME}.pdf`;

/** Each language's pack: the project language's at the top (`briefing-pack.pdf`), any other's under it (`fr/briefing-pack.pdf`). */
export function packOutputPath(lang: string, project: string): string {
  return `${languageFolder(lang, project)}${PACK_OUTPUT}`;
}

/** Whether an output path is a briefing pack's (in any language). */
export function isPackOutput(output: string): boolean {
  return output === PACK_OUTPUT || output.endsWith(`/${PACK_OUTPUT}`);
}

/** Whether an output path is a document's screen PDF: neither a print edition's nor a pack's. */
export function isScreenOutputPath(output: string): boolean {
  return !isPrintEditionPath(output) && !isPackOutput(output);
}

/** The kinds of output made of one document (each from its own job): all but the pack. */
export type DocumentOutputKind = Exclude<OutputKind, 'pack'>;

/** Which output a job makes: by its `edition`, never by its path. */
export function outputKindOf(job: Pick<RenderJob, 'edition'>): DocumentOutputKind {
  return job.edition === 'print' ? 'print' : 'screen';
}

/** Which output a build's result is: the pack's by its kind, a document's by its `edition`. */
export function outputKindOfResult(result: Pick<DocumentResult, 'kind' | 'edition'>): OutputKind {
  return result.kind === 'briefing-pack' ? 'pack' : outputKindOf(result);
}

/**
 * The only shape of path a build writes (`mali.pdf`, `countries/mali.pdf`, an edition's
 * `fr/countries/mali.pdf`, `print/…`). A
 * manifest is a file anyone may have planted or committed: a path read from it is used only
 * if it has this shape and its folder resolves, through links, inside the output folder.
 */
const OUTPUT_PATH =
  /^(?:print\/)?(?:[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*\/)?(?:countries\/)?[a-z0-9]+(?:-[a-z0-9]+)*\.pdf$/;

/**
 * The absolute path of a manifest's `output` inside `outDir`, or a FactsheetsError naming the
 * manifest when the path has another shape or leads outside (for example through a linked
 * `countries/` folder). A missing folder is inside: there is nothing in it to touch.
 */
export function confinedOutputPath(outDir: string, output: unknown, manifestFile: string): string | FactsheetsError {
  const outside = (why: string): FactsheetsError =>
    new FactsheetsError(
      `the manifest lists an output ${why}: ${escapeForMessage(JSON.stringify(output) ?? String(output))}`,
      {
        stage: 'write',
        file: manifestFile,
        hint: 'Nothing was deleted. Remove manifest.json from the output folder (it is only a record) and build again.',
      },
    );
  if (typeof output !== 'string' || !OUTPUT_PATH.test(output))
    return outside('that is not a PDF path the build writes');
  const target = join(outDir, output);
  const folder = realFolder(dirname(target));
  const root = realFolder(outDir);
  if (folder === undefined || root === undefined) return target;
  if (!isInside(root, folder)) return outside('whose folder leads outside the output folder');
  return target;
}

function realFolder(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
