import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DatasetContext } from '../review/causes.js';
import { displayPath } from '../stages/load.js';
import { SETTINGS_FILE, validateSettings } from '../stages/validate/settings.js';

/**
 * How the review names the dataset and its amounts: the project's own file (funding.xlsx or
 * funding.csv) and the currency its settings declare (default EUR), as the build read them.
 */
export async function datasetContext(contentDir: string): Promise<DatasetContext> {
  const workbook = join(contentDir, 'funding.xlsx');
  // Named as the project knows it (funding.csv or funding.xlsx), wherever the content folder is.
  const file = basename(await isFile(workbook) ? workbook : join(contentDir, 'funding.csv'));
  const settingsPath = join(contentDir, SETTINGS_FILE);
  if (!(await isFile(settingsPath))) return { file, currency: 'EUR' };
  const text = await readFile(settingsPath, 'utf8').catch(() => '');
  const settings = validateSettings({ absolutePath: settingsPath, displayPath: displayPath(settingsPath), text });
  return { file, currency: settings.settings.currency ?? 'EUR' };
}

/** A regular file (a FIFO or a folder in its place is not read: the build reported it). */
async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() === true;
}
