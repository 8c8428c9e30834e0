import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { FactsheetsError } from '../errors.js';

/**
 * Writes a file inside the output folder atomically: to a temporary file next to it, flushed,
 * then renamed over the old one. A killed build leaves the previous PDF, never half a new one.
 */
export async function writeOutput(outDir: string, outputPath: string, bytes: Uint8Array | readonly Uint8Array[]): Promise<string> {
  const target = resolve(outDir, outputPath);
  const inside = relative(resolve(outDir), target);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || resolve(outDir, inside) !== target) {
    throw new FactsheetsError(`refusing to write outside the output folder: ${outputPath}`, { stage: 'write' });
  }
  const temporary = temporaryPath(target);
  try {
    await mkdir(dirname(target), { recursive: true });
    const handle = await open(temporary, 'wx');
    try {
      // A large PDF comes as its pieces (the briefing pack): written as they are, never joined in memory.
      if (bytes instanceof Uint8Array) await handle.writeFile(bytes);
      else await handle.writev([...bytes]);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    return target;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw writeError(`cannot write ${inside}`, target, error, inside);
  }
}

/** A failed write: why (`the disk is full`) and which output, so that a build can report one error for many. */
export class OutputWriteError extends FactsheetsError {
  constructor(message: string, options: ConstructorParameters<typeof FactsheetsError>[1], readonly reason: string, readonly output: string) {
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
export async function prepareOutput(outDir: string, subfolders: readonly string[] = ['countries'], now = Date.now()): Promise<void> {
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
  const reason = code === 'ENOSPC' ? 'the disk is full' : code === 'EROFS' ? 'the file system is read-only' : code;
  return new OutputWriteError(`${what} (${reason})`, {
    stage: 'write',
    file,
    hint: writeHint(code),
    cause: error,
  }, reason, output);
}

function writeHint(code: string): string {
  return code === 'ENOSPC' ? 'Free disk space and build again.' : 'Check that the output folder is writable, or choose another with --out DIR.';
}

/** One error for many outputs that failed for the same reason (a full disk fails them all). */
export function combineWriteErrors(outDir: string, failures: readonly OutputWriteError[]): FactsheetsError[] {
  const byReason = new Map<string, OutputWriteError[]>();
  for (const failure of failures) byReason.set(failure.reason, [...(byReason.get(failure.reason) ?? []), failure]);
  return [...byReason.values()].map((group) => {
    const [first] = group;
    if (group.length === 1 || first === undefined) return first as FactsheetsError;
    const outputs = group.map((failure) => failure.output).sort();
    return new FactsheetsError(`cannot write ${group.length} files (${first.reason}): ${outputs.join(', ')}`, {
      stage: 'write', file: outDir, ...(first.hint === undefined ? {} : { hint: first.hint }), cause: first,
    });
  });
}
