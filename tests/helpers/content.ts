import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const PROJECT = resolve(import.meta.dirname, '../..');
export const SAMPLE_CONTENT = join(PROJECT, 'content');
export const TEMPLATES = join(PROJECT, 'templates');

/** A fresh temporary folder; tests never write into the project. */
export function tempDir(prefix = 'factsheets-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes a content folder from `{ 'countries/mali.md': '…' }` into a new temporary folder. */
export async function writeContent(files: Readonly<Record<string, string>>): Promise<string> {
  const root = await tempDir('factsheets-content-');
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

/** A copy of the bundled sample content, for tests that change it. */
export async function copySample(): Promise<string> {
  const root = await tempDir('factsheets-sample-');
  await cp(SAMPLE_CONTENT, root, { recursive: true });
  return root;
}

/**
 * The sample without its editions in other languages (`*.fr.md`, `*.ar.md`, `*.am.md`) and their settings, for tests about one language's documents
 * and its pack (the editions themselves are tests/e2e/editions.test.ts's).
 */
export async function copyEnglishSample(): Promise<string> {
  const { readdir, rm } = await import('node:fs/promises');
  const { readFile } = await import('node:fs/promises');
  const root = await copySample();
  for (const folder of [root, join(root, 'countries')]) {
    for (const name of await readdir(folder)) if (/\.[a-z]{2,3}(?:-[A-Za-z0-9]+)*\.md$/.test(name)) await rm(join(folder, name));
  }
  // And the settings' French words (the last block of the file), which no document would use.
  const settings = join(root, 'factsheets.yml');
  await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^languages:[\s\S]*$/m, ''));
  return root;
}

/** The English sample plus `extra` copies of the Mali brief under other names, for builds that take a while. */
export async function sampleWithExtraCountries(extra: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const root = await copyEnglishSample();
  const mali = await readFile(join(root, 'countries/mali.md'), 'utf8');
  for (let index = 1; index <= extra; index += 1) {
    await writeFile(join(root, `countries/mali-copy-${index}.md`), mali.replace('name: Mali', `name: Mali copy ${index}`));
  }
  return root;
}
