import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { FactsheetsError } from '../errors.js';
import { DEFAULT_LIMITS, formatBytes, type Limits } from '../limits.js';
import { centralDirectory, entryData, type ZipEntry as Entry } from './zip-directory.js';

/** The limits a workbook is checked against before a single cell is loaded. */
export type WorkbookLimits = Pick<Limits, 'datasetRows' | 'workbookEntries' | 'workbookBytes' | 'workbookCells'>;

/**
 * Checks an .xlsx archive before it is loaded (loading decompresses and keeps every sheet):
 * its number of entries and their uncompressed sizes from the central directory, then every
 * worksheet decompressed as a stream (never whole in memory) with its rows and cells counted,
 * stopping at the first limit passed. A 5 MB file can hold a sheet of millions of cells.
 */
export async function checkWorkbookArchive(
  bytes: Buffer,
  file: string,
  limits: WorkbookLimits = DEFAULT_LIMITS,
): Promise<void> {
  const fail = (message: string, limit: keyof WorkbookLimits): never => {
    throw new FactsheetsError(message, {
      stage: 'load',
      file,
      hint: `Delete the sheets, rows and columns the dataset does not need (or export it as CSV UTF-8), or raise the ${limit} limit.`,
    });
  };
  const entries = centralDirectory(bytes, file);
  if (entries.length > limits.workbookEntries)
    fail(
      `the workbook holds ${entries.length.toLocaleString('en')} files; a workbook may hold at most ${limits.workbookEntries.toLocaleString('en')} (the workbookEntries limit)`,
      'workbookEntries',
    );
  const total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total > limits.workbookBytes)
    fail(
      `the workbook unpacks to ${formatBytes(total)}; it may unpack to at most ${formatBytes(limits.workbookBytes)} (the workbookBytes limit)`,
      'workbookBytes',
    );
  const names = sheetNames(bytes, entries);
  let cells = 0;
  for (const entry of entries.filter((candidate) => /^xl\/worksheets\/[^/]+\.xml$/.test(candidate.name))) {
    const sheet = names.get(entry.name) ?? entry.name;
    const counted = await countRowsAndCells(bytes, entry, {
      rows: limits.datasetRows + 1,
      cells: limits.workbookCells - cells,
    });
    if (counted.rows > limits.datasetRows + 1)
      fail(
        `sheet "${sheet}" has more than ${(limits.datasetRows + 1).toLocaleString('en')} rows; a dataset may have at most ${limits.datasetRows.toLocaleString('en')} rows and its header (the datasetRows limit)`,
        'datasetRows',
      );
    cells += counted.cells;
    if (cells > limits.workbookCells)
      fail(
        `sheet "${sheet}" brings the workbook past ${limits.workbookCells.toLocaleString('en')} cells (the workbookCells limit), counting every sheet`,
        'workbookCells',
      );
    if (counted.bytes > entry.size)
      fail(
        `sheet "${sheet}" unpacks to more than the ${formatBytes(entry.size)} its archive declares: the file is damaged or made to mislead`,
        'workbookBytes',
      );
  }
}

/** Which sheet (by the name Excel shows) each worksheet file is: workbook.xml and its relationships. */
function sheetNames(bytes: Buffer, entries: readonly Entry[]): Map<string, string> {
  const text = (name: string): string => {
    const entry = entries.find((candidate) => candidate.name === name);
    // Both are small; an oversized one was refused with the total above.
    return entry === undefined ? '' : inflateSmall(bytes, entry);
  };
  const targets = new Map<string, string>();
  for (const match of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attribute(match[0], 'Id');
    const target = attribute(match[0], 'Target');
    if (id !== undefined && target !== undefined)
      targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const match of text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const name = attribute(match[0], 'name');
    const target = targets.get(attribute(match[0], 'r:id') ?? '');
    if (name !== undefined && target !== undefined) names.set(target, name);
  }
  return names;
}

function attribute(tag: string, name: string): string | undefined {
  const value = new RegExp(`\\s${name.replace(':', '\\:')}="([^"]*)"`).exec(tag)?.[1];
  return value
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** `<row …>` and `<c …>` (with or without a namespace prefix), not `<col>` or `<cfRule>`. */
const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;
const CELL_TAG = /<(?:\w+:)?c[\s>/]/g;

/** Rows and cells of one worksheet, counted on the decompressed stream; stops past either bound. */
async function countRowsAndCells(
  bytes: Buffer,
  entry: Entry,
  bounds: { rows: number; cells: number },
): Promise<{ rows: number; cells: number; bytes: number }> {
  const data = entryData(bytes, entry);
  const counts = { rows: 0, cells: 0, bytes: 0 };
  let carry = '';
  const count = (chunk: Buffer): boolean => {
    counts.bytes += chunk.byteLength;
    const text = carry + chunk.toString('latin1');
    // A tag cut in two by the chunk's end is counted with the next chunk, whole.
    const open = text.lastIndexOf('<');
    const cut = open >= 0 && text.length - open < 16 ? open : text.length;
    carry = text.slice(cut);
    const whole = text.slice(0, cut);
    counts.rows += whole.match(ROW_TAG)?.length ?? 0;
    counts.cells += whole.match(CELL_TAG)?.length ?? 0;
    return counts.rows <= bounds.rows && counts.cells <= bounds.cells && counts.bytes <= entry.size;
  };
  if (entry.method === 0) {
    count(data);
    return counts;
  }
  const inflate = createInflateRaw();
  await new Promise<void>((resolve) => {
    inflate.on('data', (chunk: Buffer) => {
      if (!count(chunk)) {
        inflate.destroy();
        resolve();
      }
    });
    inflate.on('end', resolve);
    inflate.on('close', resolve);
    // A damaged stream is for the workbook reader to report, with its own message.
    inflate.on('error', () => resolve());
    inflate.end(data);
  });
  return counts;
}

function inflateSmall(bytes: Buffer, entry: Entry): string {
  const data = entryData(bytes, entry);
  if (entry.method === 0) return data.toString('utf8');
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) }).toString('utf8');
  } catch {
    return '';
  }
}
