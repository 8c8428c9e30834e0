import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { FactsheetsError } from '../errors.js';

/**
 * Writes a file inside the output folder atomically: to a temporary file next to it, flushed,
 * then renamed over the old one. A killed build leaves the previous PDF, never half a new one.
 */
export async function writeOutput(outDir: string, outputPath: string, bytes: Uint8Array): Promise<string> {
  const target = resolve(outDir, outputPath);
  const inside = relative(resolve(outDir), target);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || resolve(outDir, inside) !== target) {
    throw new FactsheetsError(`refusing to write outside the output folder: ${outputPath}`, { stage: 'write' });
  }
  const temporary = join(dirname(target), `.${inside.split(sep).pop() ?? 'output'}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(dirname(target), { recursive: true });
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
    return target;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    const code = (error as { code?: string }).code ?? 'unknown error';
    throw new FactsheetsError(`cannot write ${inside} (${code})`, {
      stage: 'write',
      file: target,
      hint: code === 'ENOSPC' ? 'Free disk space and build again.' : 'Check that the output folder is writable (--out DIR).',
      cause: error,
    });
  }
}
