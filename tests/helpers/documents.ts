import { validateDataset } from '../../src/stages/validate/dataset.js';
import { validateDocument } from '../../src/stages/validate/front-matter.js';
import type { Dataset, Document } from '../../src/model/documents.js';
import { dataset, source } from './sources.js';

const LAYOUTS = new Set(['factsheet', 'one-pager']);

/** A validated one-pager for tests; throws if the test's own input is invalid. */
export function onePagerDocument(name: string, frontMatter: string, body = ''): Document {
  const result = validateDocument(
    source(`content/countries/${name}.md`, `---\n${frontMatter}\n---\n${body}`),
    'one-pager',
    LAYOUTS,
  );
  if (result.document === undefined)
    throw new Error(`bad test input: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.document;
}

export function factsheetDocument(name: string, frontMatter: string, body = ''): Document {
  const result = validateDocument(
    source(`content/${name}.md`, `---\n${frontMatter}\n---\n${body}`),
    'factsheet',
    LAYOUTS,
  );
  if (result.document === undefined)
    throw new Error(`bad test input: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.document;
}

export function datasetOf(...rows: string[]): Dataset {
  return validateDataset(dataset(...rows)).dataset;
}
