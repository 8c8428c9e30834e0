import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/errors.js';
import { labelWidth, layoutBarChart, wrapLabel } from '../../src/stages/plan/bar-chart.js';
import { largestWithOther, yearSpans } from '../../src/stages/plan/chart-bars.js';
import { summariseFunding, toShares, type FundingRow } from '../../src/stages/plan/funding-summary.js';
import { fundingTable, shorten, TITLE_MAX_CHARS } from '../../src/stages/plan/funding-table.js';
import { roundedPercents } from '../../src/stages/plan/rounded-percents.js';
import { planJobs } from '../../src/stages/plan.js';
import type { FundingRecord } from '../../src/model/documents.js';
import { datasetOf, onePagerDocument } from '../helpers/documents.js';

const row = (programme: string, amount: number, year = 2017): FundingRow => ({
  programme,
  instrument: 'Trust Fund',
  sector: '',
  year,
  status: 'Paid',
  statusCode: 'paid',
  amount,
  isSample: false,
});

describe('roundedPercents (largest remainder)', () => {
  it('adds up to exactly 100 where rounding each share would give 101', () => {
    expect([45.5, 43.5, 11].map(Math.round).reduce((a, b) => a + b)).toBe(101);
    expect(roundedPercents([455, 435, 110])).toEqual([46, 43, 11]);
  });

  it('gives the missing points to the largest remainders', () => {
    expect(roundedPercents([1, 1, 1])).toEqual([34, 33, 33]);
    expect(roundedPercents([2, 1])).toEqual([67, 33]);
  });

  it('always adds up to 100 for any positive amounts, each within 1 of its exact share', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e10, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (amounts) => {
          const percents = roundedPercents(amounts);
          const total = amounts.reduce((a, b) => a + b, 0);
          expect(percents.reduce((a, b) => a + b, 0)).toBe(100);
          for (const [index, percent] of percents.entries())
            expect(Math.abs(percent - ((amounts[index] ?? 0) / total) * 100)).toBeLessThan(1);
        },
      ),
    );
  });

  it('gives zeros when there is nothing to share', () => {
    expect(roundedPercents([0, 0])).toEqual([0, 0]);
    expect(roundedPercents([])).toEqual([]);
  });

  it('is what every share list carries: statuses add up to the "100%" beside them', () => {
    const shares = toShares(
      new Map([
        ['Committed', 455],
        ['Contracted', 435],
        ['Paid', 110],
      ]),
      1000,
    );
    expect(shares.map((share) => share.roundedPercent)).toEqual([46, 43, 11]);
  });
});

describe('fundingTable: as many lines as the layout shows, largest first, and a closing line for the rest', () => {
  const rows = Array.from({ length: 40 }, (_, index) =>
    row(`Programme ${index}`, (index % 7) * 1_000_000 + index * 1000, 2024 - (index % 20)),
  );
  const total = rows.reduce((sum, each) => sum + each.amount, 0);
  const table = fundingTable(rows, total, 12);

  it("picks the largest amounts, keeps the full list's order, and ranks them", () => {
    expect(table.lines).toHaveLength(12);
    const smallestShown = Math.min(...table.lines.map((line) => line.amount));
    const shown = new Set(table.lines.map((line) => line.programme));
    expect(rows.filter((each) => !shown.has(each.programme)).every((each) => each.amount <= smallestShown)).toBe(true);
    const positions = table.lines.map((line) => rows.findIndex((each) => each.programme === line.programme));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(table.lines.map((line) => line.rank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, index) => index + 1),
    );
  });

  it('says how many lines are left out and their total, so that nothing silently disappears', () => {
    const shownTotal = table.lines.reduce((sum, line) => sum + line.amount, 0);
    expect(table.rest).toEqual({ count: 28, amount: total - shownTotal, single: false });
    expect(table.cut).toBe(true);
  });

  it('gives each line what the closing line says when the table stops before it', () => {
    const byRank = [...table.lines].sort((a, b) => a.rank - b.rank);
    let before = 0;
    for (const line of byRank) {
      expect(line.restFromHere.count).toBe(40 - (line.rank - 1));
      expect(line.restFromHere.amount).toBeCloseTo(total - before, 2);
      before += line.amount;
    }
  });

  it('shows every line, with nothing left out, when they are fewer than the cap', () => {
    const small = fundingTable(rows.slice(0, 3), 6_000, 12);
    expect(small.lines).toHaveLength(3);
    expect(small.rest).toEqual({ count: 0, amount: 0, single: false });
    expect(small.cut).toBe(false);
  });

  it('shortens long programme titles at a word, with an ellipsis', () => {
    const long =
      'Support to the resilience of vulnerable communities in border regions and host areas along the central Mediterranean route for young people and women';
    expect(long.length).toBeGreaterThan(140);
    const [line] = fundingTable([row(long, 5)], 5, 12).lines;
    expect(line?.programme).toBe(long);
    expect(line?.title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect(line?.title).toMatch(/[a-z]…$/);
    expect(long.startsWith(line?.title.slice(0, -1) ?? '-')).toBe(true);
    expect(shorten('Short title', 80)).toBe('Short title');
  });
});

describe('bounded charts', () => {
  it('names the five largest instruments and one "Other" bar with the rest', () => {
    const totals = Array.from({ length: 12 }, (_, index) => [`Instrument ${index}`, 1200 - index * 100] as const);
    const bars = largestWithOther(totals);
    expect([...bars.keys()]).toEqual([
      'Instrument 0',
      'Instrument 1',
      'Instrument 2',
      'Instrument 3',
      'Instrument 4',
      'Other (7 instruments)',
    ]);
    expect([...bars.values()].reduce((a, b) => a + b, 0)).toBe(totals.reduce((sum, [, amount]) => sum + amount, 0));
  });

  it('keeps six instruments as six bars (an "Other" of one would hide a name for nothing)', () => {
    const totals = Array.from({ length: 6 }, (_, index) => [`I${index}`, 10 - index] as const);
    expect([...largestWithOther(totals).keys()]).toEqual(['I0', 'I1', 'I2', 'I3', 'I4', 'I5']);
  });

  it('groups two decades of years into at most six spans, keeping every euro', () => {
    const byYear = new Map(Array.from({ length: 21 }, (_, index) => [2004 + index, 1000 + index] as const));
    const spans = yearSpans(byYear);
    expect(spans.size).toBeLessThanOrEqual(6);
    expect([...spans.keys()][0]).toBe('2004–2007');
    expect([...spans.keys()].at(-1)).toBe('2024');
    expect([...spans.values()].reduce((a, b) => a + b, 0)).toBe([...byYear.values()].reduce((a, b) => a + b, 0));
  });

  it('keeps a few years as they are, even far apart', () => {
    expect([
      ...yearSpans(
        new Map([
          [2004, 1],
          [2024, 2],
        ]),
      ).keys(),
    ]).toEqual(['2004', '2024']);
  });

  it('wraps a long label inside the chart, at most two lines, and leaves short ones alone', () => {
    expect(wrapLabel('Instrument contributing to Stability and Peace')).toEqual([
      'Instrument contributing to Stability and Peace',
    ]);
    const lines = wrapLabel('NDICI – Global Europe, geographic programme Sub-Saharan Africa');
    expect(lines).toEqual(['NDICI – Global Europe, geographic programme', 'Sub-Saharan Africa']);
    const many = wrapLabel(
      'Development Cooperation Instrument thematic programme on migration and asylum with a very long tail of words that goes on',
    );
    expect(many).toHaveLength(2);
    expect(many[1]).toMatch(/…$/);
    for (const line of [...lines, ...many]) expect(labelWidth(line)).toBeLessThanOrEqual(234);
  });

  it('makes room for a wrapped label: the bars below it move down', () => {
    const shares = toShares(
      new Map([
        ['NDICI – Global Europe, geographic programme Sub-Saharan Africa', 2],
        ['B', 1],
      ]),
      3,
    );
    const chart = layoutBarChart(shares);
    expect(chart.bars.map((bar) => bar.labelLines.length)).toEqual([2, 1]);
    expect(chart.bars[1]?.labelY).toBe(27 + 11 + 10);
    expect(chart.height).toBe(2 * 27 - 7 + 11);
  });
});

describe('odd data still makes a sensible page', () => {
  const record = (amount: number, year: number, instrument = 'Trust Fund', line = 2): FundingRecord => ({
    country: 'ML',
    instrument,
    programme: `P${line}`,
    year,
    amountEur: amount,
    status: 'paid',
    line,
  });

  it('a single row: one line, one bar each, a single year', () => {
    const summary = summariseFunding([record(5_000_000, 2017)]);
    expect(summary).toMatchObject({ years: '2017', rowCount: 1, table: { cut: false } });
    expect(summary.table.lines).toHaveLength(1);
    expect(summary.byStatus.map((share) => share.roundedPercent)).toEqual([100]);
  });

  it('very large and very small amounts side by side: every share still adds up to 100', () => {
    const summary = summariseFunding([record(2e9, 2017, 'A', 2), record(3, 2018, 'B', 3), record(250, 2019, 'C', 4)]);
    expect(summary.byInstrument.reduce((sum, share) => sum + share.roundedPercent, 0)).toBe(100);
    expect(summary.byYear.reduce((sum, share) => sum + share.roundedPercent, 0)).toBe(100);
    expect(summary.total).toBe(2_000_000_253);
  });

  it('copes with a country of 200,000 rows (no spread of large arrays)', () => {
    const records = Array.from({ length: 200_000 }, (_, index) =>
      record(1000 + index, 2004 + (index % 21), `I${index % 12}`, index + 2),
    );
    const summary = summariseFunding(records);
    expect(summary).toMatchObject({ firstYear: 2004, lastYear: 2024, rowCount: 200_000 });
    expect(summary.table.lines).toHaveLength(12);
    expect(summary.table.rest.count).toBe(199_988);
  });
});

describe('planJobs: the table cap and the charts of a one-pager', () => {
  const rows = Array.from(
    { length: 30 },
    (_, index) => `ML,Instrument ${index % 9},Programme ${index},,${2004 + (index % 21)},${(index + 1) * 100000},paid,`,
  );

  it('front matter funding_lines caps the table; every total still covers every row', () => {
    const [job] = planJobs(
      [onePagerDocument('mali', 'name: Mali\niso: ML\nfunding_lines: 6')],
      datasetOf(...rows),
    ).jobs;
    const funding = job?.view['funding'] as {
      total: number;
      rows: unknown[];
      table: { lines: unknown[]; rest: { count: number } };
    };
    expect(funding.table.lines).toHaveLength(6);
    expect(funding.table.rest.count).toBe(24);
    expect(funding.rows).toHaveLength(30);
    expect(funding.total).toBe(46_500_000);
  });

  it('bounds the charts: six instrument bars, at most six year bars', () => {
    const [job] = planJobs([onePagerDocument('mali', 'name: Mali\niso: ML')], datasetOf(...rows)).jobs;
    const charts = job?.view['charts'] as Record<string, { bars: { label: string; roundedPercent: number }[] }>;
    expect(charts['byInstrument']?.bars.map((bar) => bar.label).at(-1)).toBe('Other (4 instruments)');
    expect(charts['byYear']?.bars.length).toBeLessThanOrEqual(6);
    for (const chart of Object.values(charts))
      expect(chart.bars.reduce((sum, bar) => sum + bar.roundedPercent, 0)).toBe(100);
  });

  it('rejects a cap under the floor of three lines, at its line', () => {
    const result = planJobs([onePagerDocument('mali', 'name: Mali\niso: ML\nfunding_lines: 2')], datasetOf(...rows));
    expect(result.jobs).toEqual([]);
    expect(result.errors.map(formatError)).toEqual([
      'content/countries/mali.md:4: error: funding_lines must be a whole number of at least 3, got 2\n' +
        '  hint: Write for example "funding_lines: 6" (the most lines the funding table shows), or remove the field to let the layout decide.',
    ]);
  });
});
