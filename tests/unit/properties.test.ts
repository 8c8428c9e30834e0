import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactsheetsError } from '../../src/errors.js';
import { validateDataset } from '../../src/stages/validate/dataset.js';
import { validateDocument } from '../../src/stages/validate/front-matter.js';
import { source, DATASET_HEADER } from '../helpers/sources.js';

/** Every error must say where: a file, and a line inside the input (column ≥ 1 when given). */
function expectPositioned(error: FactsheetsError, file: string, lineCount: number): void {
  expect(error).toBeInstanceOf(FactsheetsError);
  expect(error.file).toBe(file);
  if (error.line !== undefined) {
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lineCount + 1);
  }
  if (error.column !== undefined) expect(error.column).toBeGreaterThanOrEqual(1);
}

const field = fc.oneof(
  fc.constantFrom(
    'ML',
    'NE',
    'XX',
    'ml',
    '2016',
    '1999',
    '-5',
    '12.5',
    '1e6',
    'paid',
    'pledged',
    '',
    ' ',
    'Fund',
    '"q,uoted"',
    '"bad"x',
    '"',
    '€',
    '\u0000',
  ),
  fc.string({ maxLength: 12 }),
);
const row = fc.array(field, { minLength: 0, maxLength: 10 }).map((fields) => fields.join(','));
const csv = fc
  .tuple(
    fc.oneof(fc.constant(DATASET_HEADER), row),
    fc.array(row, { maxLength: 8 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([header, rows, eol, bom]) => `${bom ? '\uFEFF' : ''}${[header, ...rows].join(eol)}${eol}`);

describe('property: the dataset loader never crashes', () => {
  it('gives records or positioned errors for CSV-like input', () => {
    fc.assert(
      fc.property(csv, (text) => {
        const result = validateDataset(source('funding.csv', text));
        const lineCount = text.split('\n').length;
        for (const error of result.errors) expectPositioned(error, 'funding.csv', lineCount);
        for (const record of result.dataset.records) {
          expect(record.line).toBeGreaterThanOrEqual(2);
          expect(record.amountEur).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives records or positioned errors for any text at all', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const result = validateDataset(source('funding.csv', text));
        for (const error of result.errors) expectPositioned(error, 'funding.csv', text.split('\n').length);
      }),
      { numRuns: 400 },
    );
  });
});

const yamlLine = fc.oneof(
  fc.constantFrom(
    'name: Mali',
    'iso: ML',
    'iso: [ML',
    'role: "a: b"',
    'date: 2017-02-30',
    'template: ../x',
    '  - item',
    'key: &a [*a]',
    '!!js/function x',
    ': :',
    '"unclosed',
    'title: T',
    '{a: 1}',
  ),
  fc.string({ maxLength: 20 }),
);
const frontMatter = fc
  .tuple(
    fc.constantFrom('---', '---js', '--- yaml', '', '+++'),
    fc.array(yamlLine, { maxLength: 8 }),
    fc.constantFrom('---', '...', ''),
    fc.string({ maxLength: 40 }),
  )
  .map(([open, lines, close, body]) => [open, ...lines, close, body].join('\n'));

describe('property: front-matter validation never crashes', () => {
  it.each(['one-pager', 'factsheet'] as const)('gives a document or positioned errors for a %s', (kind) => {
    fc.assert(
      fc.property(fc.oneof(frontMatter, fc.string({ maxLength: 200 })), (text) => {
        const result = validateDocument(
          source('content/countries/mali.md', text),
          kind,
          new Set(['factsheet', 'one-pager']),
        );
        if (result.document === undefined) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors)
            expectPositioned(error, 'content/countries/mali.md', text.split('\n').length);
        } else {
          expect(result.document.name).toBe('mali');
        }
      }),
      { numRuns: 400 },
    );
  });
});
