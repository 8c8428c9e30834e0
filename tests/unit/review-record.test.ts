import { describe, expect, it } from 'vitest';
import type { ManifestEntry } from '../../src/pipeline/manifest.js';
import { buildReviewRecord, type ReviewInputs } from '../../src/review/record.js';
import { dictionaryEntries } from '../../src/review/pdf-dict.js';

const inputs = (source: string): ReviewInputs => ({
  source,
  rows: [{ country: 'ML', instrument: 'I', year: 2016, amountEur: 1, status: 'paid' }],
  templateFiles: { 'styles/base': 'h1' },
  options: { sourceDateEpoch: null, print: false },
});
const entry = (output: string, hashes: Record<string, string>, reviewInputs?: ReviewInputs): ManifestEntry => ({
  output,
  name: output,
  kind: 'one-pager',
  source: `${output}.md`,
  pages: 1,
  bytes: 1,
  sha256: 'x',
  fonts: [],
  inputs: hashes,
  renderMs: 1,
  ...(reviewInputs === undefined ? {} : { reviewInputs }),
});

describe('buildReviewRecord', () => {
  it('keys each input by the manifest hash, keeps what kept outputs still refer to, and drops the rest', () => {
    const previous = buildReviewRecord(
      [entry('a.pdf', { source: 'sa', dataset: 'da', templates: 'ta', options: 'oa' })],
      [entry('a.pdf', { source: 'sa', dataset: 'da', templates: 'ta', options: 'oa' }, inputs('A'))],
      [],
    );
    expect(previous.sources).toEqual({ sa: 'A' });
    const fresh = entry('b.pdf', { source: 'sb', dataset: 'da', templates: 'ta', options: 'oa' }, inputs('B'));
    const kept = entry('a.pdf', { source: 'sa', dataset: 'da', templates: 'ta', options: 'oa' });
    const record = buildReviewRecord([kept, fresh], [fresh], [previous]);
    expect(record.sources).toEqual({ sa: 'A', sb: 'B' });
    expect(Object.keys(record.rows)).toEqual(['da']);
    expect(record.templates).toEqual({ ta: { 'styles/base': 'h1' } });
    // a.pdf rebuilt from another text: its old text is no longer referred to
    const rebuilt = entry('a.pdf', { source: 'sa2', dataset: 'da', templates: 'ta', options: 'oa' }, inputs('A2'));
    expect(buildReviewRecord([rebuilt], [rebuilt], [record]).sources).toEqual({ sa2: 'A2' });
  });
});

describe('dictionaryEntries', () => {
  it('splits a resource dictionary into its entries, nested dictionaries, arrays and strings whole', () => {
    expect(
      dictionaryEntries(
        '<</ProcSet [/PDF /Text] /Font <</F4 4 0 R /F5 5 0 R>> /ExtGState <</G3 <</CA 1 /ca (a>>b)>>>> /N 12>>',
      ),
    ).toEqual([
      ['ProcSet', '[/PDF /Text]'],
      ['Font', '<</F4 4 0 R /F5 5 0 R>>'],
      ['ExtGState', '<</G3 <</CA 1 /ca (a>>b)>>>>'],
      ['N', '12'],
    ]);
    expect(dictionaryEntries('<</F4 4 0 R>>')).toEqual([['F4', '4 0 R']]);
  });

  it('gives up on text it does not follow', () => {
    expect(dictionaryEntries('[1 2]')).toBeUndefined();
    expect(dictionaryEntries('<</A <</B 1>>')).toBeUndefined();
  });
});
