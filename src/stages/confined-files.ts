import { constants, type Stats } from 'node:fs';
import { type FileHandle, lstat, mkdir, open, readlink, realpath } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileKind, isInside } from '../folders.js';
import { FactsheetsError, type Stage } from '../errors.js';

/**
 * Reads and writes inside a folder the build owns (the output folder, an approved build, a
 * review report). Anything in it may have been planted or committed, so below the folder
 * itself nothing is followed: a link is an error naming it, a FIFO, socket or device is never
 * opened (it could block for ever), and what is opened is checked to be the regular file
 * that was looked at.
 */
export interface ConfinedFolder {
  /** The folder, as the user gave it (it may itself be a link: that is the user's choice). */
  readonly root: string;
  /** How messages name it: `the output folder`, `the approved folder`. */
  readonly name: string;
  readonly stage: Stage;
}

/** Why a confined read or write was refused; `missing` is the only harmless one. */
export type RefusalKind = 'missing' | 'link' | 'not-a-file' | 'outside' | 'unreadable';

export class ConfinedFileError extends FactsheetsError {
  constructor(
    message: string,
    options: ConstructorParameters<typeof FactsheetsError>[1],
    readonly kind: RefusalKind,
  ) {
    super(message, options);
  }
}

/** Read-only, never following a link, never waiting for a writer (a FIFO opens at once, and is then refused). */
const READ_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** The path of `relativePath` inside the folder, or an error when it climbs out of it. */
export function pathInside(folder: ConfinedFolder, relativePath: string): string {
  const root = resolve(folder.root);
  const target = resolve(root, relativePath);
  // The folder itself is no file inside it.
  if (target === root || !isInside(root, target)) {
    throw new ConfinedFileError(
      `refusing to use a path outside ${folder.name}: ${relativePath}`,
      { stage: folder.stage, file: root },
      'outside',
    );
  }
  return target;
}

/**
 * Reads a regular file inside the folder. Every folder on the way and the file itself are
 * looked at with lstat first; the file is opened with O_NOFOLLOW | O_NONBLOCK and checked
 * (fstat) to be the same regular file before a byte is read.
 */
export async function readConfinedFile(folder: ConfinedFolder, relativePath: string): Promise<Buffer> {
  const target = pathInside(folder, relativePath);
  await checkFolders(folder, target, 'read');
  const seen = await lstatOrMissing(folder, target);
  if (seen === undefined)
    throw new ConfinedFileError(`${relativePath} is missing`, { stage: folder.stage, file: target }, 'missing');
  await refuseUnlessFile(folder, target, seen);
  let handle: FileHandle;
  try {
    handle = await open(target, READ_FLAGS);
  } catch (error) {
    throw unreadable(folder, target, error);
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.ino !== seen.ino || opened.dev !== seen.dev) {
      throw new ConfinedFileError(
        'this file changed while it was opened; it is not read',
        { stage: folder.stage, file: target, hint: 'Make sure nothing else writes into the folder, then run again.' },
        'not-a-file',
      );
    }
    return await handle.readFile();
  } catch (error) {
    throw error instanceof ConfinedFileError ? error : unreadable(folder, target, error);
  } finally {
    await handle.close();
  }
}

/** The text of a confined file, or undefined when it is missing (any other refusal is thrown). */
export async function readConfinedText(folder: ConfinedFolder, relativePath: string): Promise<string | undefined> {
  try {
    return (await readConfinedFile(folder, relativePath)).toString('utf8');
  } catch (error) {
    if (error instanceof ConfinedFileError && error.kind === 'missing') return undefined;
    throw error;
  }
}

/**
 * Makes sure every folder between the root and `target` is a real folder, not a link, and
 * (when writing) creates the missing ones one by one, so that no mkdir follows a link. Its
 * real path is then checked to be inside the root's.
 */
export async function checkFolders(folder: ConfinedFolder, target: string, use: 'read' | 'write'): Promise<void> {
  const root = resolve(folder.root);
  const parts = relative(root, target).split(sep).slice(0, -1);
  // The folder itself is the one named (--out, --report): made if missing, as the user asked.
  if (use === 'write') await mkdir(root, { recursive: true });
  let path = root;
  for (const part of parts) {
    path = join(path, part);
    const stats = await lstatOrMissing(folder, path);
    if (stats === undefined) {
      if (use === 'read') return;
      await mkdir(path).catch((error: unknown) => {
        if ((error as { code?: string }).code !== 'EEXIST') throw error;
      });
      const made = await lstat(path);
      if (made.isSymbolicLink()) throw await linkError(folder, path);
      continue;
    }
    if (stats.isSymbolicLink()) throw await linkError(folder, path);
    if (!stats.isDirectory()) throw notAFile(folder, path, stats, 'a folder');
  }
  const real = await Promise.all([realpath(root), realpath(path)]).catch((error: unknown) => {
    // Reading from a folder that is not there yet (a first build): nothing to read, nothing to refuse.
    if (use === 'read' && (error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  });
  if (real === undefined) return;
  if (!isInside(real[0], real[1])) {
    throw new ConfinedFileError(
      `this folder leads outside ${folder.name}`,
      { stage: folder.stage, file: path },
      'outside',
    );
  }
}

/** What is at a place an output goes: nothing, or a regular file (to be replaced); a link or anything else is an error. */
export async function checkReplaceable(folder: ConfinedFolder, target: string): Promise<void> {
  const stats = await lstatOrMissing(folder, target);
  if (stats !== undefined) await refuseUnlessFile(folder, target, stats);
}

async function refuseUnlessFile(folder: ConfinedFolder, path: string, stats: Stats): Promise<void> {
  if (stats.isSymbolicLink()) throw await linkError(folder, path);
  if (!stats.isFile()) throw notAFile(folder, path, stats, 'a regular file');
}

async function lstatOrMissing(folder: ConfinedFolder, path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw unreadable(folder, path, error);
  }
}

async function linkError(folder: ConfinedFolder, path: string): Promise<ConfinedFileError> {
  const to = await readlink(path).catch(() => undefined);
  return new ConfinedFileError(
    `this is a link${to === undefined ? '' : ` (to ${to})`}: nothing is written or read through a link in ${folder.name}`,
    {
      stage: folder.stage,
      file: path,
      hint: 'Remove the link and run again; to keep the files elsewhere, name that folder itself (--out DIR, --against DIR, --report DIR).',
    },
    'link',
  );
}

function notAFile(folder: ConfinedFolder, path: string, stats: Stats, expected: string): ConfinedFileError {
  return new ConfinedFileError(
    `this should be ${expected} but is ${fileKind(stats)}; it is never opened`,
    {
      stage: folder.stage,
      file: path,
      hint: `Remove it from ${folder.name} and run again.`,
    },
    'not-a-file',
  );
}

function unreadable(folder: ConfinedFolder, path: string, error: unknown): ConfinedFileError {
  const code = (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error));
  return new ConfinedFileError(
    `cannot read this file (${code})`,
    { stage: folder.stage, file: path, hint: `Check that ${folder.name} is readable.` },
    'unreadable',
  );
}
