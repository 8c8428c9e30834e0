import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { FactsheetsError } from '../errors.js';
import {
  checkFolders,
  checkReplaceable,
  ConfinedFileError,
  pathInside,
  type ConfinedFolder,
} from './confined-files.js';

/**
 * Writes one piece at a position and says how many bytes it wrote (the file system may write
 * fewer). The seam through which tests make a disk fill up halfway through an output.
 */
export type ChunkWriter = (handle: FileHandle, chunk: Uint8Array, position: number) => Promise<number>;

const writeChunk: ChunkWriter = async (handle, chunk, position) =>
  (await handle.write(chunk, 0, chunk.byteLength, position)).bytesWritten;

/** A new file, never an existing one or through a link, readable back for the check. */
const TEMPORARY_FLAGS = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Read back in pieces of this size to check what is on disk. */
const CHECK_PIECE = 1024 * 1024;

export interface WriteOptions {
  readonly writer?: ChunkWriter;
  /** How messages name the folder (default: the output folder). */
  readonly folderName?: string;
}

/**
 * Writes a file inside the output folder, whole or not at all: to a temporary file next to it
 * (no folder on the way, and nothing at its place, may be a link), every write checked for
 * its length, flushed, read back and compared (size and SHA-256), then renamed over the old
 * one. A killed build or a full disk leaves the previous file, never part of a new one.
 */
export async function writeOutput(
  outDir: string,
  outputPath: string,
  bytes: Uint8Array | readonly Uint8Array[],
  options: WriteOptions = {},
): Promise<string> {
  const folder: ConfinedFolder = { root: outDir, name: options.folderName ?? 'the output folder', stage: 'write' };
  let target: string;
  try {
    target = pathInside(folder, outputPath);
  } catch {
    throw new FactsheetsError(`refusing to write outside the output folder: ${outputPath}`, { stage: 'write' });
  }
  const inside = relative(resolve(outDir), target);
  const pieces = bytes instanceof Uint8Array ? [bytes] : bytes;
  const temporary = temporaryPath(target);
  try {
    await checkFolders(folder, target, 'write');
    await checkReplaceable(folder, target);
    const handle = await open(temporary, TEMPORARY_FLAGS, 0o666);
    try {
      // A large PDF comes as its pieces (the briefing pack): written as they are, never joined in memory.
      const size = await writeAll(handle, pieces, options.writer ?? writeChunk);
      await handle.sync();
      await verifyOnDisk(handle, size, hashOf(pieces));
    } finally {
      await handle.close();
    }
    await checkReplaceable(folder, target);
    await rename(temporary, target);
    return target;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    if (error instanceof ConfinedFileError) {
      // Not the disk but what stands in the way (a link, a FIFO): named where it is.
      throw new OutputWriteError(
        error.message,
        { ...error.fields(), cause: error },
        `${error.file ?? ''}: ${error.message}`,
        inside,
        true,
      );
    }
    throw writeError(`cannot write ${inside}`, target, error, inside);
  }
}

/** Pieces smaller than this are gathered into one write: a pack comes as thousands of small pieces. */
const WRITE_BATCH = 1024 * 1024;

async function writeAll(handle: FileHandle, pieces: readonly Uint8Array[], writer: ChunkWriter): Promise<number> {
  let position = 0;
  for (const piece of batched(pieces)) {
    for (let done = 0; done < piece.byteLength; ) {
      const written = await writer(handle, piece.subarray(done), position);
      // A write that makes no progress would loop for ever: a full disk says so with ENOSPC, anything else is cut short.
      if (!(written > 0)) throw Object.assign(new Error('a write was cut short'), { code: 'ESHORT' });
      done += written;
      position += written;
    }
  }
  return position;
}

/** The same bytes in the same order, consecutive small pieces joined into one of about WRITE_BATCH bytes. */
function* batched(pieces: readonly Uint8Array[]): Generator<Uint8Array> {
  let batch: Uint8Array[] = [];
  let size = 0;
  for (const piece of pieces) {
    if (size > 0 && size + piece.byteLength > WRITE_BATCH) {
      yield batch.length === 1 ? (batch[0] as Uint8Array) : Buffer.concat(batch, size);
      batch = [];
      size = 0;
    }
    batch.push(piece);
    size += piece.byteLength;
  }
  if (batch.length > 0) yield batch.length === 1 ? (batch[0] as Uint8Array) : Buffer.concat(batch, size);
}

function hashOf(pieces: readonly Uint8Array[]): string {
  const hash = createHash('sha256');
  for (const piece of pieces) hash.update(piece);
  return hash.digest('hex');
}

/** What is on disk, read back through the same handle, is what was meant to be written. */
async function verifyOnDisk(handle: FileHandle, size: number, sha256: string): Promise<void> {
  const onDisk = (await handle.stat()).size;
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(Math.min(CHECK_PIECE, Math.max(size, 1)));
  for (let position = 0; position < onDisk; ) {
    const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, position);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  if (onDisk !== size || hash.digest('hex') !== sha256) {
    throw Object.assign(new Error('what is on disk differs from what was written'), { code: 'EVERIFY' });
  }
}
/** A failed write: why (`the disk is full`) and which output, so that a build can report one error for many. */
export class OutputWriteError extends FactsheetsError {
  constructor(
    message: string,
    options: ConstructorParameters<typeof FactsheetsError>[1],
    readonly reason: string,
    readonly output: string,
    /** The error is about a place several outputs share (a linked folder), named by `file`. */
    readonly atSharedPlace = false,
  ) {
    super(message, options);
  }
}

/** `.mali.pdf.<random>.tmp` beside the target: same folder, so the rename is atomic. */
function temporaryPath(target: string): string {
  return join(dirname(target), `.${target.split(sep).pop() ?? 'output'}.${randomBytes(6).toString('hex')}.tmp`);
}

const TEMPORARY_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;
/** Older than this, a temporary file belongs to a build that was killed, not to one still running. */
const STALE_AFTER_MS = 10 * 60 * 1000;

/**
 * Checks, before any printing, that the output folder can be created and written (one clear
 * error instead of one per document), and removes temporary files that killed builds left.
 */
export async function prepareOutput(
  outDir: string,
  subfolders: readonly string[] = ['countries'],
  now = Date.now(),
): Promise<void> {
  const probe = temporaryPath(join(outDir, 'write-check'));
  try {
    await mkdir(outDir, { recursive: true });
    const handle = await open(probe, 'wx');
    await handle.writeFile('probe');
    await handle.close();
    await rm(probe, { force: true });
  } catch (error) {
    await rm(probe, { force: true }).catch(() => undefined);
    throw writeError('the output folder cannot be written', outDir, error);
  }
  for (const folder of [outDir, ...subfolders.map((name) => join(outDir, name))]) {
    // A linked subfolder is not cleaned: its files are not the build's (writing there is refused).
    if (folder !== outDir && (await lstat(folder).catch(() => undefined))?.isSymbolicLink() !== false) continue;
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((entry) => TEMPORARY_FILE.test(entry))) {
      const path = join(folder, name);
      const age = now - (await stat(path).catch(() => ({ mtimeMs: now }))).mtimeMs;
      if (age > STALE_AFTER_MS) await rm(path, { force: true }).catch(() => undefined);
    }
  }
}

function writeError(what: string, file: string, error: unknown, output = ''): OutputWriteError {
  const code = (error as { code?: string }).code ?? 'unknown error';
  const reason = WRITE_REASONS[code] ?? code;
  return new OutputWriteError(
    `${what} (${reason})`,
    {
      stage: 'write',
      file,
      hint: writeHint(code),
      cause: error,
    },
    reason,
    output,
  );
}

const WRITE_REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  ESHORT: 'a write was cut short',
  EVERIFY: 'what is on disk differs from what was written',
};

function writeHint(code: string): string {
  return code === 'ENOSPC' || code === 'EDQUOT'
    ? 'Free disk space and build again; the previous file was kept.'
    : 'Check that the output folder is writable, or choose another with --out DIR.';
}

/** One error for many outputs that failed for the same reason (a full disk fails them all). */
export function combineWriteErrors(outDir: string, failures: readonly OutputWriteError[]): FactsheetsError[] {
  const byReason = new Map<string, OutputWriteError[]>();
  for (const failure of failures) byReason.set(failure.reason, [...(byReason.get(failure.reason) ?? []), failure]);
  return [...byReason.values()].map((group) => {
    const [first] = group;
    if (group.length === 1 || first === undefined) return first as FactsheetsError;
    const outputs = group.map((failure) => failure.output).sort();
    if (first.atSharedPlace)
      return new FactsheetsError(`${first.message} (not written: ${outputs.join(', ')})`, {
        ...first.fields(),
        cause: first,
      });
    return new FactsheetsError(`cannot write ${group.length} files (${first.reason}): ${outputs.join(', ')}`, {
      stage: 'write',
      file: outDir,
      ...(first.hint === undefined ? {} : { hint: first.hint }),
      cause: first,
    });
  });
}
