import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { diffLines } from 'diff';

/** Every file under a folder, by path, with its bytes (base64). */
export async function filesOf(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(dir, path), (await readFile(path)).toString('base64'));
    }
  };
  await walk(dir);
  return files;
}

/** The files two folders disagree on: missing from one, or with other bytes (for JSON files, the lines that differ). */
export function differences(actual: ReadonlyMap<string, string>, expected: ReadonlyMap<string, string>): string[] {
  const text = (files: ReadonlyMap<string, string>, path: string): string =>
    Buffer.from(files.get(path) ?? '', 'base64').toString();
  const paths = [...new Set([...actual.keys(), ...expected.keys()])].sort();
  return paths
    .filter((path) => actual.get(path) !== expected.get(path))
    .map((path) => {
      if (!actual.has(path) || !expected.has(path))
        return `${path}: only in the ${actual.has(path) ? 'incremental' : 'clean'} build`;
      if (!path.endsWith('.json')) return `${path}: other bytes`;
      const changed = diffLines(text(expected, path), text(actual, path)).filter((part) => part.added || part.removed);
      return `${path}: ${changed.map((part) => `${part.added ? '+' : '-'}${part.value}`).join('')}`;
    });
}
