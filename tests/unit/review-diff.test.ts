import { describe, expect, it } from 'vitest';
import { describeRowChange, diffRows } from '../../src/review/rows-diff.js';
import { diffSource, lineRanges } from '../../src/review/source-diff.js';
import type { DatasetRow } from '../../src/review/record.js';
import type { PageChange } from '../../src/review/compare-pages.js';
import type { DocumentReview } from '../../src/review/review.js';
import { pagesLine } from '../../src/review/summary.js';

const row = (overrides: Partial<DatasetRow> = {}): DatasetRow => ({
  country: 'ML',
  instrument: 'EU Emergency Trust Fund for Africa',
  programme: 'Civil registration',
  sector: 'Governance',
  year: 2017,
  amountEur: 25_000_000,
  status: 'committed',
  source: 'Sample data',
  ...overrides,
});

describe('diffRows', () => {
  it('finds nothing when the rows are the same, in any order', () => {
    const rows = [row(), row({ year: 2016 }), row({ country: 'NE' })];
    expect(diffRows(rows, [...rows].reverse())).toEqual([]);
  });

  it('names a row whose amount changed, with old and new amounts', () => {
    const changes = diffRows([row(), row({ year: 2016 })], [row({ amountEur: 25_100_000 }), row({ year: 2016 })]);
    expect(changes).toHaveLength(1);
    expect(changes[0]?.kind).toBe('changed');
    expect(describeRowChange(changes[0] ?? { kind: 'added', after: row() })).toBe(
      'row ML · Civil registration · 2017: amount €25,000,000 → €25,100,000',
    );
  });

  it('names a status change and a programme renamed in place as changes, not as a removal and an addition', () => {
    const changes = diffRows(
      [row(), row({ programme: 'Old name', year: 2015 })],
      [row({ status: 'paid' }), row({ programme: 'New name', year: 2015 })],
    );
    expect(changes.map((change) => describeRowChange(change))).toEqual([
      'row ML · Civil registration · 2017: status committed → paid',
      'row ML · Old name · 2015: programme Old name → New name',
    ]);
  });

  it('tells added and removed rows apart, and counts duplicates', () => {
    const changes = diffRows(
      [row(), row(), row({ country: 'NE', programme: 'Gone', amountEur: 5 })],
      [row(), row({ country: 'NG', programme: 'New', year: 2018, amountEur: 7 })],
    );
    expect(changes.map((change) => change.kind).sort()).toEqual(['added', 'removed', 'removed']);
    expect(changes.map((change) => describeRowChange(change))).toContain('added row NG · New · 2018: €7, committed');
    expect(changes.map((change) => describeRowChange(change))).toContain('removed row NE · Gone · 2017: €5, committed');
  });

  it('handles a large dataset without spreading arrays', () => {
    const many = Array.from({ length: 200_000 }, (_, index) => row({ year: 2000 + (index % 100), amountEur: index }));
    const changed = many.map((each, index) => (index === 123_456 ? { ...each, amountEur: 1 } : each));
    const changes = diffRows(many, changed);
    expect(changes).toHaveLength(1);
    expect(describeRowChange(changes[0] ?? { kind: 'added', after: row() })).toContain('amount €123,456 → €1');
  });
});

describe('diffSource', () => {
  const before = [
    '---',
    'name: Mali',
    '---',
    '',
    '## Why Mali matters',
    '',
    'Mali is a country of transit.',
    'Second line.',
    '',
  ].join('\n');

  it('is empty for the same text', () => {
    expect(diffSource('countries/mali.md', before, before)).toEqual({
      unified: '',
      changedLines: [],
      removedLines: [],
    });
  });

  it('gives a unified diff with the changed sentence and its line', () => {
    const after = before.replace('a country of transit', 'a country of origin and transit');
    const diff = diffSource('countries/mali.md', before, after);
    expect(diff.changedLines).toEqual([7]);
    expect(diff.removedLines).toEqual([7]);
    expect(diff.unified).toBe(
      [
        '--- a/countries/mali.md',
        '+++ b/countries/mali.md',
        '@@ -5,4 +5,4 @@',
        ' ## Why Mali matters',
        ' ',
        '-Mali is a country of transit.',
        '+Mali is a country of origin and transit.',
        ' Second line.',
        '',
      ].join('\n'),
    );
  });

  it('reports lines that were only removed', () => {
    const diff = diffSource('m.md', before, before.replace('Second line.\n', ''));
    expect(diff.changedLines).toEqual([]);
    expect(diff.removedLines).toEqual([8]);
  });

  it('writes line numbers as ranges', () => {
    expect(lineRanges([3, 12, 13, 14, 20])).toBe('3, 12–14, 20');
    expect(lineRanges([])).toBe('');
  });
});

describe('pagesLine', () => {
  const change = (page: number, shows?: { output: string; page: number }): PageChange => ({
    page,
    change: 'changed',
    differentPixels: 1,
    images: {},
    ...(shows === undefined ? {} : { shows }),
  });
  const review = (pages: PageChange[]): DocumentReview => ({
    output: 'briefing-pack.pdf',
    name: 'briefing-pack',
    kind: 'pack',
    source: '',
    status: 'changed',
    pages: { approved: 9, current: 9 },
    changedPages: pages,
    causes: [],
    unexplained: [],
  });

  it('names traced pages with the document page they show, and writes runs of other pages as ranges', () => {
    expect(
      pagesLine(
        review([
          change(2),
          change(3),
          change(4),
          change(5, { output: 'countries/mali.pdf', page: 1 }),
          change(6),
          change(7),
          change(9),
        ]),
      ),
    ).toBe('pages 2–4, 5 (countries/mali.pdf p. 1), 6, 7, 9');
    expect(pagesLine(review([change(1)]))).toBe('page 1');
    expect(pagesLine(review([]))).toBe('no page looks different');
  });
});

describe('KnownPages', () => {
  const fingerprint = (stream: string) => ({ drawn: stream, streams: [stream], parts: [`stream:${stream}`] });
  const changed = (page: number): PageChange => ({ page, change: 'changed', differentPixels: 1 }) as PageChange;

  it("traces a pack page printed again for the pack (a factsheet's pack edition) by the pack's parts, when its streams are its own", async () => {
    const { KnownPages, shownByPack } = await import('../../src/review/known-pages.js');
    const known = new KnownPages();
    known.add(
      'factsheet.pdf',
      [fingerprint('a1'), fingerprint('a2')],
      [fingerprint('b1'), fingerprint('b2')],
      [changed(2)],
    );
    const parts = [
      { output: 'factsheet.pdf', firstPage: 3, pages: 2 },
      { output: 'countries/mali.pdf', firstPage: 5, pages: 1 },
    ];
    expect([2, 3, 4, 5, 6].map((page) => shownByPack(parts, page))).toEqual([
      undefined,
      { output: 'factsheet.pdf', page: 1 },
      { output: 'factsheet.pdf', page: 2 },
      { output: 'countries/mali.pdf', page: 1 },
      undefined,
    ]);
    // Page 4 of the pack shows the factsheet's changed page 2; page 3 its unchanged page 1.
    expect(known.showsChanged(fingerprint('pack4'), shownByPack(parts, 4))).toEqual({
      output: 'factsheet.pdf',
      page: 2,
    });
    expect(known.showsChanged(fingerprint('pack3'), shownByPack(parts, 3))).toBeUndefined();
    expect(known.showsChanged(fingerprint('pack4'))).toBeUndefined();
    // A page that copies the document page's stream is found by it, as before.
    expect(known.showsChanged(fingerprint('b2'))).toEqual({ output: 'factsheet.pdf', page: 2 });
  });
});
