import { type Dirent, readFileSync, statSync } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FactsheetsError } from '../errors.js';
import { displayPath, errorCode, type FileKind, fileKind, isInside } from '../folders.js';
import { DEFAULT_LIMITS, formatBytes, type Limits } from '../limits.js';
import type { SourceFile } from '../model/documents.js';
import { SETTINGS_FILE } from './validate/settings.js';
import { firstInvalidUtf8, lineOfOffset } from './encoding.js';
import { readWorkbook } from './spreadsheet.js';
import { MESSAGES_FOLDER } from '../messages/files.js';
import type { LoadedSources, LoadedTemplates, LoadedWorkbook } from '../model/sources.js';

/** Reads the content and templates folders; the only read-only file-system stage. */
export async function loadSources(
  contentDir: string,
  templatesDir: string,
  limits: Limits = DEFAULT_LIMITS,
): Promise<LoadedSources> {
  const content = await openScope(contentDir, 'content', 'Pass --content DIR, or run from a folder that has content/.');
  const templates = await openScope(
    templatesDir,
    'templates',
    'Pass --templates DIR, or run from a folder that has templates/.',
  );

  const markdown = { maxBytes: limits.markdownBytes, what: 'a Markdown file', limit: 'markdownBytes' };
  const datasetSize = { maxBytes: limits.datasetBytes, what: 'the dataset', limit: 'datasetBytes' };
  const [factsheets, onePagers, dataset, workbook, settings, loadedTemplates] = await Promise.all([
    readMatching(content, contentDir, (name) => name.endsWith('.md'), { size: markdown }),
    readMatching(content, join(contentDir, 'countries'), (name) => name.endsWith('.md'), { size: markdown }),
    readIfExists(contentDir, join(contentDir, 'funding.csv'), datasetSize).then(checkUtf8),
    readIfExists(contentDir, join(contentDir, 'funding.xlsx'), datasetSize, 'binary'),
    readIfExists(contentDir, join(contentDir, SETTINGS_FILE), { ...markdown, what: 'the settings file' }),
    loadTemplates(templates),
  ]);
  if (dataset !== undefined && workbook !== undefined) {
    throw new FactsheetsError(
      `the content folder has both ${dataset.displayPath} and ${workbook.displayPath}: which one is the dataset?`,
      {
        stage: 'load',
        file: workbook.displayPath,
        hint: 'Keep one of the two (funding.csv or funding.xlsx) in the content folder, and move the other away.',
      },
    );
  }
  return {
    factsheets,
    onePagers,
    dataset,
    workbook: await readWorkbookFile(workbook, limits),
    settings,
    templates: loadedTemplates,
    limits,
  };
}

async function readWorkbookFile(
  file: SourceFile | BinaryFile | undefined,
  limits: Limits,
): Promise<LoadedWorkbook | undefined> {
  if (file === undefined) return undefined;
  if ('refused' in file && file.refused !== undefined)
    return { displayPath: file.displayPath, sheets: [], refused: file.refused };
  if (!('bytes' in file)) return undefined;
  return { displayPath: file.displayPath, sheets: await readWorkbook(file.bytes, file.displayPath, limits) };
}

/** A folder the build reads from, with its real path: nothing under it may lead outside. */
interface Scope {
  readonly folder: string;
  readonly realFolder: string;
  readonly what: 'content' | 'templates';
}

async function openScope(folder: string, what: Scope['what'], hint: string): Promise<Scope> {
  try {
    await readdir(folder);
    return { folder, realFolder: await realpath(folder), what };
  } catch (error) {
    if (what === 'content' && isNotFound(error)) {
      throw new FactsheetsError('there is no content folder here', {
        stage: 'load',
        file: displayPath(folder),
        cause: error,
        hint: 'Start one with "factsheets init" (npm run factsheets -- init my-programme), or pass --content DIR.',
      });
    }
    throw new FactsheetsError(`the ${what} folder cannot be read (${errorCode(error)})`, {
      stage: 'load',
      file: displayPath(folder),
      hint,
      cause: error,
    });
  }
}

/**
 * A subfolder is read only if its real path is inside its scope: `countries/` or `partials/`
 * may be a link (git stores them), but not one that leads outside the content or templates.
 */
async function checkFolderInside(scope: Scope, folder: string): Promise<void> {
  let target: string;
  try {
    target = await realpath(folder);
  } catch {
    return;
  }
  if (!isInside(scope.realFolder, target)) {
    throw new FactsheetsError(`this folder is a link that leads outside the ${scope.what} folder, to ${target}`, {
      stage: 'load',
      file: displayPath(folder),
      hint: `Copy the files into the ${scope.what} folder instead of linking to them.`,
    });
  }
}

async function loadTemplates(scope: Scope): Promise<LoadedTemplates> {
  const templatesDir = scope.folder;
  const assetsRoot = join(templatesDir, 'assets');
  const messagesRoot = join(templatesDir, MESSAGES_FOLDER);
  const [layouts, partials, styles, assets, messages] = await Promise.all([
    readMatching(scope, join(templatesDir, 'layouts'), (name) => name.endsWith('.hbs')),
    readMatching(scope, join(templatesDir, 'partials'), (name) => name.endsWith('.hbs'), { recursive: true }),
    readMatching(scope, join(templatesDir, 'styles'), (name) => name.endsWith('.css')),
    readMatching(scope, assetsRoot, () => true, { recursive: true }, 'binary'),
    readMatching(scope, messagesRoot, (name) => name.endsWith('.yml')),
  ]);
  const partialsRoot = join(templatesDir, 'partials');
  return {
    layouts: new Map(layouts.map((file) => [baseName(file.absolutePath, '.hbs'), file])),
    partials: new Map(
      partials.map((file) => [
        relative(partialsRoot, file.absolutePath)
          .split('\\')
          .join('/')
          .replace(/\.hbs$/, ''),
        file,
      ]),
    ),
    styles: new Map(styles.map((file) => [baseName(file.absolutePath, '.css'), file])),
    assets: new Map(
      assets.map((file) => [
        relative(assetsRoot, file.absolutePath).split('\\').join('/'),
        { displayPath: file.displayPath, bytes: file.bytes },
      ]),
    ),
    messages: new Map(messages.map((file) => [baseName(file.absolutePath, '.yml'), file])),
    messagesFolder: displayPath(messagesRoot),
  };
}

/** The most a file may hold, and how to name that limit in an error. */
interface SizeLimit {
  readonly maxBytes: number;
  readonly what: string;
  /** The option that sets it (a `Limits` key). */
  readonly limit: string;
}

interface ReadOptions {
  /** Include subfolders (links to folders inside them are not followed). */
  readonly recursive?: boolean;
  /** Files past this size are not read: they come back refused, to fail alone. */
  readonly size?: SizeLimit;
}

/** Files of one folder (optionally its subfolders) whose name matches, sorted by path. */
async function readMatching(
  scope: Scope,
  folder: string,
  matches: (name: string) => boolean,
  options?: ReadOptions,
): Promise<SourceFile[]>;
async function readMatching(
  scope: Scope,
  folder: string,
  matches: (name: string) => boolean,
  options: ReadOptions,
  as: 'binary',
): Promise<BinaryFile[]>;
async function readMatching(
  scope: Scope,
  folder: string,
  matches: (name: string) => boolean,
  options: ReadOptions = {},
  as: 'text' | 'binary' = 'text',
): Promise<(SourceFile | BinaryFile)[]> {
  await checkFolderInside(scope, folder);
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive: options.recursive ?? false });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw readError(folder, error);
  }
  const wanted = entries
    .filter((entry) => !entry.isDirectory() && matches(entry.name))
    .map((entry) => ({ path: join(entry.parentPath, entry.name), link: entry.isSymbolicLink(), entry }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A plain file listed in the folder is inside it; only links need to be followed and checked.
  return Promise.all(
    wanted.map(({ path, link, entry }) => {
      if (link) return readInside(folder, path, options.size, as);
      return entry.isFile() ? readPlain(path, options.size, as) : Promise.reject(notAFile(path, entry));
    }),
  );
}

/**
 * Content and templates are many small files: read each at once (synchronously), which is
 * several times faster than as many round trips through libuv's thread pool. A file past
 * its size limit is not read at all: it is returned with an error, so that it fails alone.
 */
async function readPlain(
  path: string,
  size: SizeLimit | undefined,
  as: 'text' | 'binary',
): Promise<SourceFile | BinaryFile> {
  try {
    const bytes = size === undefined ? undefined : statSync(path).size;
    if (size !== undefined && bytes !== undefined && bytes > size.maxBytes) {
      return { absolutePath: path, displayPath: displayPath(path), text: '', refused: tooLarge(path, bytes, size) };
    }
    return as === 'text'
      ? { absolutePath: path, displayPath: displayPath(path), text: readFileSync(path, 'utf8') }
      : { absolutePath: path, displayPath: displayPath(path), bytes: readFileSync(path) };
  } catch (error) {
    throw readError(path, error);
  }
}

function tooLarge(path: string, bytes: number, size: SizeLimit): FactsheetsError {
  return new FactsheetsError(
    `${size.what} may hold at most ${formatBytes(size.maxBytes)}; this one has ${formatBytes(bytes)}`,
    {
      stage: 'load',
      file: displayPath(path),
      hint: `Split or shorten the file, or raise the ${size.limit} limit if it really is this large.`,
    },
  );
}

/** A name that should be a file is a FIFO, a socket, a device or a folder: never opened. */
function notAFile(path: string, stats: FileKind): FactsheetsError {
  return new FactsheetsError(`this is not a regular file but ${fileKind(stats)}`, {
    stage: 'load',
    file: displayPath(path),
    hint: 'Replace it with a regular file, or remove it.',
  });
}

interface BinaryFile {
  readonly displayPath: string;
  readonly absolutePath: string;
  readonly bytes: Buffer;
}

/**
 * Reads a file that must stay inside `root`: a symbolic link is followed only to a file
 * within the same folder, so that content and templates cannot pull in files from elsewhere.
 * Only regular files are opened (a FIFO would block the build forever).
 */
async function readInside(root: string, path: string, size: SizeLimit | undefined): Promise<SourceFile>;
async function readInside(
  root: string,
  path: string,
  size: SizeLimit | undefined,
  as: 'text' | 'binary',
): Promise<SourceFile | BinaryFile>;
async function readInside(
  root: string,
  path: string,
  size: SizeLimit | undefined,
  as: 'text' | 'binary' = 'text',
): Promise<SourceFile | BinaryFile> {
  let target: string;
  try {
    target = await realpath(path);
  } catch (error) {
    throw readError(path, error);
  }
  if (!isInside(await realpath(root), target)) {
    throw new FactsheetsError(`this link points outside its folder, to ${target}`, {
      stage: 'load',
      file: displayPath(path),
      hint: 'Copy the file into the folder instead of linking to it.',
    });
  }
  const stats = await stat(target);
  if (!stats.isFile()) throw notAFile(path, stats);
  return readPlain(path, size, as);
}

/** A file that may be missing (the dataset): absent is undefined; anything but a regular file is an error. */
async function readIfExists(root: string, path: string, size: SizeLimit): Promise<SourceFile | undefined>;
async function readIfExists(
  root: string,
  path: string,
  size: SizeLimit,
  as: 'binary',
): Promise<SourceFile | BinaryFile | undefined>;
async function readIfExists(
  root: string,
  path: string,
  size: SizeLimit,
  as: 'text' | 'binary' = 'text',
): Promise<SourceFile | BinaryFile | undefined> {
  const stats = await lstat(path).catch((error: unknown) => {
    if (isNotFound(error)) return undefined;
    throw readError(path, error);
  });
  if (stats === undefined) return undefined;
  if (stats.isSymbolicLink()) return readInside(root, path, size, as);
  if (!stats.isFile()) throw notAFile(path, stats);
  return readPlain(path, size, as);
}

/**
 * The dataset must be UTF-8: read otherwise, its accented letters would become U+FFFD and fail
 * later, far from the cause. A file that is not is refused with the line of its first bad byte.
 */
function checkUtf8(file: SourceFile | undefined): SourceFile | undefined {
  if (file === undefined || file.refused !== undefined || !file.text.includes('\uFFFD')) return file;
  const bytes = readFileSync(file.absolutePath);
  const offset = firstInvalidUtf8(bytes);
  if (offset === undefined) return file;
  return {
    ...file,
    text: '',
    refused: new FactsheetsError(
      `the dataset is not UTF-8 text: byte 0x${(bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0')} on this line is not valid UTF-8 (the file was probably saved as "ANSI" or Latin-1)`,
      {
        stage: 'load',
        file: file.displayPath,
        line: lineOfOffset(bytes, offset),
        hint: 'Save the dataset as UTF-8: in Excel, "Save as" › "CSV UTF-8 (Comma delimited)"; in LibreOffice, Character set "Unicode (UTF-8)".',
      },
    ),
  };
}

function readError(path: string, error: unknown): FactsheetsError {
  return new FactsheetsError(`cannot read this file (${errorCode(error)})`, {
    stage: 'load',
    file: displayPath(path),
    hint: 'Check that the file exists and is readable.',
    cause: error,
  });
}

function baseName(path: string, extension: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.endsWith(extension) ? name.slice(0, -extension.length) : name;
}

function isNotFound(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}
