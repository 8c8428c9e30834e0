import { readFileSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { FactsheetsError } from '../errors.js';
import type { SourceFile } from '../types.js';

/** The raw inputs of a build, read from disk and nothing else done to them. */
export interface LoadedSources {
  readonly factsheets: readonly SourceFile[];
  readonly onePagers: readonly SourceFile[];
  readonly dataset: SourceFile | undefined;
  readonly templates: LoadedTemplates;
}

export interface LoadedTemplates {
  /** Layouts by bare name (`factsheet`, `one-pager`). */
  readonly layouts: ReadonlyMap<string, SourceFile>;
  /** Partials by name relative to `partials/`, without `.hbs` (`quote`, `charts/bar`). */
  readonly partials: ReadonlyMap<string, SourceFile>;
  /** Style sheets in `styles/` by bare name: `<layout>.css` is that layout's, any other is shared. */
  readonly styles: ReadonlyMap<string, SourceFile>;
  /** Images in `assets/` by path relative to it (`logos/eu.svg`), for the `asset` helper. */
  readonly assets: ReadonlyMap<string, Asset>;
}

/** A binary file of the templates, embedded into pages as a data: URI. */
export interface Asset {
  readonly displayPath: string;
  readonly bytes: Buffer;
}

/** Reads the content and templates folders; the only read-only file-system stage. */
export async function loadSources(contentDir: string, templatesDir: string): Promise<LoadedSources> {
  await requireFolder(contentDir, 'content', 'Pass --content DIR, or run from a folder that has content/.');
  await requireFolder(templatesDir, 'templates', 'Pass --templates DIR, or run from a folder that has templates/.');

  const datasetPath = join(contentDir, 'funding.csv');
  const [factsheets, onePagers, dataset, templates] = await Promise.all([
    readMatching(contentDir, (name) => name.endsWith('.md')),
    readMatching(join(contentDir, 'countries'), (name) => name.endsWith('.md')),
    readIfExists(contentDir, datasetPath),
    loadTemplates(templatesDir),
  ]);
  return { factsheets, onePagers, dataset, templates };
}

async function loadTemplates(templatesDir: string): Promise<LoadedTemplates> {
  const assetsRoot = join(templatesDir, 'assets');
  const [layouts, partials, styles, assets] = await Promise.all([
    readMatching(join(templatesDir, 'layouts'), (name) => name.endsWith('.hbs')),
    readMatching(join(templatesDir, 'partials'), (name) => name.endsWith('.hbs'), true),
    readMatching(join(templatesDir, 'styles'), (name) => name.endsWith('.css')),
    readMatching(assetsRoot, () => true, true, 'binary'),
  ]);
  const partialsRoot = join(templatesDir, 'partials');
  return {
    layouts: new Map(layouts.map((file) => [baseName(file.absolutePath, '.hbs'), file])),
    partials: new Map(
      partials.map((file) => [
        relative(partialsRoot, file.absolutePath).split('\\').join('/').replace(/\.hbs$/, ''),
        file,
      ]),
    ),
    styles: new Map(styles.map((file) => [baseName(file.absolutePath, '.css'), file])),
    assets: new Map(assets.map((file) => [
      relative(assetsRoot, file.absolutePath).split('\\').join('/'),
      { displayPath: file.displayPath, bytes: file.bytes },
    ])),
  };
}

/** Files of one folder (optionally its subfolders) whose name matches, sorted by path. */
async function readMatching(folder: string, matches: (name: string) => boolean, recursive?: boolean): Promise<SourceFile[]>;
async function readMatching(folder: string, matches: (name: string) => boolean, recursive: boolean, as: 'binary'): Promise<BinaryFile[]>;
async function readMatching(
  folder: string,
  matches: (name: string) => boolean,
  recursive = false,
  as: 'text' | 'binary' = 'text',
): Promise<(SourceFile | BinaryFile)[]> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true, recursive });
  } catch (error) {
    if (isNotFound(error)) return [];
    throw readError(folder, error);
  }
  const wanted = entries
    .filter((entry) => (entry.isFile() || entry.isSymbolicLink()) && matches(entry.name))
    .map((entry) => ({ path: join(entry.parentPath, entry.name), link: entry.isSymbolicLink() }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // A plain file listed in the folder is inside it; only links need to be followed and checked.
  return Promise.all(wanted.map(({ path, link }) => (link ? readInside(folder, path, as) : readPlain(path, as))));
}

/**
 * Content and templates are many small files: read each at once (synchronously), which is
 * several times faster than as many round trips through libuv's thread pool.
 */
async function readPlain(path: string, as: 'text' | 'binary'): Promise<SourceFile | BinaryFile> {
  try {
    return as === 'text'
      ? { absolutePath: path, displayPath: displayPath(path), text: readFileSync(path, 'utf8') }
      : { absolutePath: path, displayPath: displayPath(path), bytes: readFileSync(path) };
  } catch (error) {
    throw readError(path, error);
  }
}

interface BinaryFile {
  readonly displayPath: string;
  readonly absolutePath: string;
  readonly bytes: Buffer;
}

/**
 * Reads a file that must stay inside `root`: a symbolic link is followed only to a file
 * within the same folder, so that content and templates cannot pull in files from elsewhere.
 */
async function readInside(root: string, path: string): Promise<SourceFile>;
async function readInside(root: string, path: string, as: 'text' | 'binary'): Promise<SourceFile | BinaryFile>;
async function readInside(root: string, path: string, as: 'text' | 'binary' = 'text'): Promise<SourceFile | BinaryFile> {
  let target: string;
  try {
    target = await realpath(path);
  } catch (error) {
    throw readError(path, error);
  }
  const inside = relative(await realpath(root), target);
  if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    throw new FactsheetsError(`this link points outside its folder, to ${target}`, {
      stage: 'load', file: displayPath(path),
      hint: 'Copy the file into the folder instead of linking to it.',
    });
  }
  if (!(await stat(target)).isFile()) throw readError(path, Object.assign(new Error('not a file'), { code: 'EISDIR' }));
  return readPlain(path, as);
}

async function readIfExists(root: string, path: string): Promise<SourceFile | undefined> {
  try {
    return await readInside(root, path);
  } catch (error) {
    if (error instanceof FactsheetsError && isNotFound(error.cause)) return undefined;
    throw error;
  }
}

async function readSource(absolutePath: string): Promise<SourceFile> {
  try {
    const text = await readFile(absolutePath, 'utf8');
    return { absolutePath, displayPath: displayPath(absolutePath), text };
  } catch (error) {
    throw readError(absolutePath, error);
  }
}

async function requireFolder(folder: string, what: string, hint: string): Promise<void> {
  try {
    await readdir(folder);
  } catch (error) {
    throw new FactsheetsError(`the ${what} folder cannot be read (${errorCode(error)})`, {
      stage: 'load',
      file: displayPath(folder),
      hint,
      cause: error,
    });
  }
}

function readError(path: string, error: unknown): FactsheetsError {
  return new FactsheetsError(`cannot read this file (${errorCode(error)})`, {
    stage: 'load',
    file: displayPath(path),
    hint: 'Check that the file exists and is readable.',
    cause: error,
  });
}

/** Paths in messages are relative to the working directory when that is shorter. */
export function displayPath(absolutePath: string, cwd: string = process.cwd()): string {
  const fromCwd = relative(cwd, absolutePath);
  return fromCwd.startsWith('..') || fromCwd === '' ? absolutePath : fromCwd.split('\\').join('/');
}

function baseName(path: string, extension: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.endsWith(extension) ? name.slice(0, -extension.length) : name;
}

function isNotFound(error: unknown): boolean {
  return errorCode(error) === 'ENOENT';
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String(error.code);
  return error instanceof Error ? error.message : String(error);
}
