import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DatasetContext } from '../review/causes.js';
import { rowKey } from '../review/rows-diff.js';
import type { FundingRecord } from '../model/documents.js';
import { displayPath } from '../folders.js';
import { readWorkbook } from '../stages/spreadsheet.js';
import { validateDataset, validateWorkbook } from '../stages/validate/dataset.js';
import { cellReference } from '../stages/validate/csv-rows.js';
import { SETTINGS_FILE, validateSettings } from '../stages/validate/settings.js';

/**
 * How the review names the dataset, its rows and its amounts: the project's own file
 * (funding.xlsx or funding.csv), where each row of this build's dataset is (`line 12`, or
 * `Funding!12:12` in a workbook), and the currency the settings declare (default EUR).
 */
export async function datasetContext(contentDir: string): Promise<DatasetContext> {
  const settingsPath = join(contentDir, SETTINGS_FILE);
  const settingsText = await readIfFile(settingsPath);
  const settings = validateSettings(
    settingsText === undefined
      ? undefined
      : { absolutePath: settingsPath, displayPath: displayPath(settingsPath), text: settingsText.toString('utf8') },
  ).settings;
  const currency = settings.currency ?? 'EUR';
  const workbookPath = join(contentDir, 'funding.xlsx');
  const workbook = await readIfFile(workbookPath);
  if (workbook !== undefined) {
    const file = displayPath(workbookPath);
    const sheets = await readWorkbook(workbook, file).catch(() => []);
    const sheet = settings.datasetSheet ?? sheets.find((candidate) => !candidate.hidden)?.name ?? '';
    const records = validateWorkbook({ displayPath: file, sheets }, settings.datasetSheet).dataset.records;
    return {
      file: basename(workbookPath),
      currency,
      positionOf: positions(records, (line) => cellReference(sheet, undefined, line)),
    };
  }
  const csvPath = join(contentDir, 'funding.csv');
  const csv = await readIfFile(csvPath);
  const records =
    csv === undefined
      ? []
      : validateDataset({ absolutePath: csvPath, displayPath: displayPath(csvPath), text: csv.toString('utf8') })
          .dataset.records;
  return { file: basename(csvPath), currency, positionOf: positions(records, (line) => `line ${line}`) };
}

/** A row's place by its values (the first of equal rows), for the rows the review names. */
function positions(
  records: readonly FundingRecord[],
  name: (line: number) => string,
): (row: Omit<FundingRecord, 'line'>) => string | undefined {
  const byKey = new Map<string, number>();
  for (const { line, ...row } of records) if (!byKey.has(rowKey(row))) byKey.set(rowKey(row), line);
  return (row) => {
    const line = byKey.get(rowKey(row));
    return line === undefined ? undefined : name(line);
  };
}

/** A regular file's bytes (a FIFO or a folder in its place is not read: the build reported it). */
async function readIfFile(path: string): Promise<Buffer | undefined> {
  if ((await stat(path).catch(() => undefined))?.isFile() !== true) return undefined;
  return readFile(path).catch(() => undefined);
}
