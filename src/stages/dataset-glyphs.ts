import { FactsheetsError } from '../errors.js';
import { describeMissing } from '../fonts/coverage.js';
import type { Dataset, FundingRecord, RenderJob } from '../model/documents.js';
import { cellReference } from './validate/csv-rows.js';

/** The dataset's columns whose text a page may print (the funding table, the chart's labels, the sources). */
const TEXT_COLUMNS = ['instrument', 'programme', 'sector', 'source'] as const;
type TextColumn = (typeof TEXT_COLUMNS)[number];

/** Other cells named after the first, before the rest are counted. */
const LISTED_CELLS = 3;

interface CellWith {
  readonly record: FundingRecord;
  readonly column: TextColumn;
  readonly text: string;
  /** The missing characters this cell holds. */
  readonly chars: readonly string[];
}

/** Where the missing characters of a printed document come from: the dataset's cells, and those that are not only there. */
export interface DatasetGlyphs {
  /** The dataset's text cells of the document's rows that hold a missing character, in dataset order. */
  readonly cells: readonly CellWith[];
  /** The missing characters no such cell holds, or that the document's own Markdown holds too: the document's to answer for. */
  readonly elsewhere: readonly string[];
}

/**
 * Which of the characters a document printed and the fonts lack come from the dataset: the
 * text cells of the rows it uses (its country's, or its countries'). A character the document's
 * Markdown also holds stays the document's.
 */
export function datasetGlyphs(job: RenderJob, dataset: Dataset, missing: readonly string[]): DatasetGlyphs {
  const meta = job.document.meta;
  const countries = new Set(meta.kind === 'one-pager' ? [meta.iso] : meta.countries);
  const cells: CellWith[] = [];
  for (const record of dataset.records) {
    if (!countries.has(record.country)) continue;
    for (const column of TEXT_COLUMNS) {
      const text = record[column] ?? '';
      const chars = missing.filter((char) => text.includes(char));
      if (chars.length > 0) cells.push({ record, column, text, chars });
    }
  }
  const inCells = new Set(cells.flatMap((cell) => cell.chars));
  const source = job.document.source.text;
  return { cells, elsewhere: missing.filter((char) => !inCells.has(char) || source.includes(char)) };
}

/**
 * The error for dataset cells holding characters the fonts lack: at the first cell (its line
 * and column in a CSV, its sheet's cell in a workbook, as the dataset's other errors), naming
 * the characters, the document that prints them and the other cells.
 */
export function datasetGlyphError(
  job: RenderJob,
  dataset: Dataset,
  cells: readonly CellWith[],
  fontsHint: string,
): FactsheetsError | undefined {
  const [first, ...others] = cells;
  if (first === undefined) return undefined;
  const at = cellOf(dataset, first.record, first.column);
  const places = others.slice(0, LISTED_CELLS).map((cell) => cellOf(dataset, cell.record, cell.column).place);
  const more = others.length > LISTED_CELLS ? ` and ${others.length - LISTED_CELLS} more` : '';
  const also =
    others.length === 0
      ? ''
      : `; so ${others.length === 1 ? 'does the cell' : 'do the cells'} ${places.join(', ')}${more}`;
  return new FactsheetsError(
    `${at.prefix}column "${first.column}": holds characters the declared fonts lack, which ${job.outputPath} prints: ${describeMissing(first.text, first.chars)}${also}`,
    {
      stage: 'finish',
      file: dataset.file,
      ...at.position,
      document: job.document.name,
      hint: `Replace them in ${dataset.file} (or transliterate), or ${fontsHint}`,
    },
  );
}

/** `funding.csv:4:9`, or a workbook's `Funding!B4` (in the message, as the dataset's other errors name cells). */
function cellOf(
  dataset: Dataset,
  record: FundingRecord,
  column: TextColumn,
): { position: { line?: number; column?: number }; prefix: string; place: string } {
  const at = dataset.cells?.get(record)?.[column];
  if (dataset.sheet !== undefined) {
    const cell = cellReference(dataset.sheet.name, at, record.line);
    return { position: {}, prefix: `${cell}: `, place: cell };
  }
  return {
    position: at === undefined ? { line: record.line } : { line: record.line, column: at },
    prefix: '',
    place: `${dataset.file}:${record.line}${at === undefined ? '' : `:${at}`}`,
  };
}
