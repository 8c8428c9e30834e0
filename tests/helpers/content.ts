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
    for (const name of await readdir(folder))
      if (/\.[a-z]{2,3}(?:-[A-Za-z0-9]+)*\.md$/.test(name)) await rm(join(folder, name));
  }
  // And the settings' French words (the last block of the file), which no document would use.
  const settings = join(root, 'factsheets.yml');
  await writeFile(settings, (await readFile(settings, 'utf8')).replace(/^languages:[\s\S]*$/m, ''));
  return root;
}

/**
 * Country codes the sample has no brief for, in a fixed order: tests that add briefs give each
 * its own (two briefs of one language for one country are an error).
 */
export const SPARE_CODES: readonly string[] = Object.freeze(
  'AL AM AR AT AU AZ BA BD BE BG BJ BO BR BT BW BY CA CD CF CG CH CL CM CN CO CR CU CV CY CZ DE DJ DK DO DZ EC EE EG ER ES FI FJ FR GA GB GE GM GR GT GW HN HR HT HU ID IE IN IQ IR IS IT JM JO JP KE KG KH KR KW KZ LA LB LK LR LS LT LU LV LY MA MD ME MG MK MM MN MR MT MU MW MX MY MZ NA NI NL NO NP NZ OM PA PE PG PH PK PL PT PY QA RO RS RU RW SA SD SE SI SK SL SO SS SV SY SZ TD TG TH TJ TL TM TN TR TT TW TZ UA UG US UY UZ VE VN YE ZA ZM ZW'.split(
    ' ',
  ),
);

/** Copies the dataset rows of one country (`ML`) as rows of another, so that a copied brief shows the same figures. */
export async function copyCountryRows(root: string, from: string, to: string): Promise<void> {
  const { appendFile, readFile } = await import('node:fs/promises');
  const rows = (await readFile(join(root, 'funding.csv'), 'utf8'))
    .split('\n')
    .filter((line) => line.startsWith(`${from},`));
  await appendFile(join(root, 'funding.csv'), rows.map((line) => `${to}${line.slice(from.length)}\n`).join(''));
}

/** The English sample plus `extra` copies of the Mali brief under other names and codes (with Mali's figures), for builds that take a while. */
export async function sampleWithExtraCountries(extra: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const root = await copyEnglishSample();
  const mali = await readFile(join(root, 'countries/mali.md'), 'utf8');
  for (let index = 1; index <= extra; index += 1) {
    const iso = SPARE_CODES[index - 1] ?? 'ZW';
    await writeFile(
      join(root, `countries/mali-copy-${index}.md`),
      mali.replace('name: Mali', `name: Mali copy ${index}`).replace('iso: ML', `iso: ${iso}`),
    );
    await copyCountryRows(root, 'ML', iso);
  }
  return root;
}
