import type { SourceFile } from '../../src/model/documents.js';

/** An in-memory source file, as the load stage would produce it. */
export function source(displayPath: string, text: string): SourceFile {
  return { displayPath, absolutePath: `/virtual/${displayPath}`, text };
}

export const DATASET_HEADER = 'country,instrument,programme,sector,year,amount_eur,status,source';

/** A dataset file with the standard header and the given rows. */
export function dataset(...rows: string[]): SourceFile {
  return source('content/funding.csv', `${[DATASET_HEADER, ...rows].join('\n')}\n`);
}
