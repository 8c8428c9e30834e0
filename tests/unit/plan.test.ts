import { describe, expect, it } from 'vitest';
import { FactsheetsError, formatError } from '../../src/errors.js';
import { layoutBarChart } from '../../src/stages/plan/bar-chart.js';
import { planJobs } from '../../src/stages/plan.js';
import { validateDataset } from '../../src/stages/validate/dataset.js';
import { BuildErrors } from '../../src/preview/error-lists.js';
import { datasetOf, factsheetDocument, onePagerDocument } from '../helpers/documents.js';
import { dataset as datasetFile } from '../helpers/sources.js';

const ROWS = [
  'ML,Trust Fund,Jobs,,2016,30000000,contracted,Sample data: illustrative',
  'ML,Trust Fund,Resilience,,2017,10000000,committed,Sample data: illustrative',
  'ML,Development Fund,Budget support,,2016,60000000,paid,Report 2017',
  'NE,Trust Fund,Agadez,,2016,25000000,paid,',
];
const mali = onePagerDocument('mali', 'name: Mali\niso: ML\nrole: origin and transit');

describe('planJobs: one-pagers', () => {
  const [job] = planJobs([mali], datasetOf(...ROWS)).jobs;
  const funding = job?.view['funding'] as Record<string, unknown>;

  it('puts the PDF under countries/ with a one-page limit', () => {
    expect(job).toMatchObject({
      kind: 'one-pager',
      layout: 'one-pager',
      outputPath: 'countries/mali.pdf',
      maxPages: 1,
    });
  });

  it('computes the total and the totals by instrument (largest first), status and year', () => {
    expect(funding['total']).toBe(100_000_000);
    expect(funding['byInstrument']).toEqual([
      { label: 'Development Fund', amount: 60_000_000, share: 0.6, roundedPercent: 60, barPercent: 100 },
      { label: 'Trust Fund', amount: 40_000_000, share: 0.4, roundedPercent: 40, barPercent: 66.7 },
    ]);
    expect(funding['byStatus']).toEqual([
      { label: 'Committed', code: 'committed', amount: 10_000_000, share: 0.1, roundedPercent: 10, barPercent: 16.7 },
      { label: 'Contracted', code: 'contracted', amount: 30_000_000, share: 0.3, roundedPercent: 30, barPercent: 50 },
      { label: 'Paid', code: 'paid', amount: 60_000_000, share: 0.6, roundedPercent: 60, barPercent: 100 },
    ]);
    // Each row has its printed label and its code, for a layout that colours by status.
    const rows = funding['rows'] as { status: string; statusCode: string }[];
    expect(new Set(rows.map(({ status, statusCode }) => `${statusCode}=${status}`))).toEqual(
      new Set(['committed=Committed', 'contracted=Contracted', 'paid=Paid']),
    );
    expect(
      (funding['byYear'] as { label: string; amount: number }[]).map(({ label, amount }) => [label, amount]),
    ).toEqual([
      ['2016', 90_000_000],
      ['2017', 10_000_000],
    ]);
    expect(funding).toMatchObject({ years: '2016–2017', programmeCount: 3, contractedShare: 0.9, rowCount: 3 });
  });

  it('marks sample data and lists each source once', () => {
    expect(funding['isSample']).toBe(true);
    expect(funding['sources']).toEqual(['Report 2017', 'Sample data: illustrative']);
  });

  it('lists rows newest first, then largest', () => {
    expect((funding['rows'] as { programme: string }[]).map((row) => row.programme)).toEqual([
      'Resilience',
      'Budget support',
      'Jobs',
    ]);
  });

  it('adds decimal amounts exactly', () => {
    const [decimal] = planJobs([mali], datasetOf('ML,F,,,2016,0.1,paid,', 'ML,F,,,2016,0.2,paid,')).jobs;
    expect((decimal?.view['funding'] as { total: number } | undefined)?.total).toBe(0.3);
  });
});

describe('planJobs: documents whose figures cannot be trusted fail', () => {
  it('fails a one-pager whose country has a bad row, pointing at its iso line', () => {
    const result = planJobs([mali], datasetOf(...ROWS, 'ML,Trust Fund,,,2016,-5,paid,'));
    expect(result.jobs).toEqual([]);
    expect(result.errors.map(formatError)).toEqual([
      'content/countries/mali.md:3: error: not built: its figures for ML come from content/funding.csv, which has errors\n' +
        '  hint: Fix the errors reported for content/funding.csv; this document is built again once they are gone.',
    ]);
  });

  it('keeps building a country whose rows are all valid when another country has a bad row', () => {
    const result = planJobs([mali], datasetOf(...ROWS, 'NE,Trust Fund,,,2016,-5,paid,'));
    expect(result.jobs).toHaveLength(1);
  });

  it('builds a one-pager with no rows, saying so, with a warning (a new partner has no decisions yet)', () => {
    const senegal = onePagerDocument('senegal', 'name: Senegal\niso: SN');
    const result = planJobs([senegal], datasetOf(...ROWS));
    expect(result.errors).toEqual([]);
    expect(result.jobs[0]?.view['fundingRecorded']).toBe(false);
    expect(result.warnings).toEqual([
      {
        message:
          'content/funding.csv has no funding rows for SN yet: the brief says that no funding lines are recorded yet (add rows to content/funding.csv, or check "iso")',
        file: 'content/countries/senegal.md',
        document: 'senegal',
        line: 3,
      },
    ]);
  });

  it('shows a country with no rows in a factsheet as unrecorded, with a warning', () => {
    const factsheet = factsheetDocument('factsheet', 'title: T\ncountries: [ML, SN]');
    const result = planJobs([factsheet], datasetOf(...ROWS));
    expect(result.errors).toEqual([]);
    const countries = result.jobs[0]?.view['countries'] as {
      rows: { iso: string; recorded: boolean }[];
      anyUnrecorded: boolean;
    };
    expect(countries.rows.map((row) => [row.iso, row.recorded])).toEqual([
      ['ML', true],
      ['SN', false],
    ]);
    expect(countries.anyUnrecorded).toBe(true);
    expect(result.warnings[0]?.message).toMatch(/no funding rows for SN yet: the factsheet shows "—" for it/);
  });

  it('fails a factsheet that tabulates a country with a bad row', () => {
    const factsheet = factsheetDocument('factsheet', 'title: T\ncountries: [ML, NE]');
    const result = planJobs([factsheet], datasetOf(...ROWS, 'NE,Trust Fund,,,2016,abc,paid,'));
    expect(result.errors[0]?.message).toBe(
      'not built: its figures for NE come from content/funding.csv, which has errors',
    );
  });
});

describe('planJobs: factsheets', () => {
  it('tabulates its countries with names from their one-pagers and computes key figures', () => {
    const factsheet = factsheetDocument(
      'factsheet',
      [
        'title: Framework',
        'figures:',
        '  fund: 2900000000',
        '  contracts: 169',
        'key_figures:',
        '  - figure: fund',
        '    label: in the fund',
        '  - figure: contracts',
        '    label: contracts',
        '    format: number',
        'countries: [ML, NE]',
      ].join('\n'),
    );
    const [job] = planJobs([factsheet, mali], datasetOf(...ROWS)).jobs;
    expect(job).toMatchObject({ kind: 'factsheet', outputPath: 'factsheet.pdf' });
    expect(job?.maxPages).toBeUndefined();
    expect(job?.view['keyFigures']).toEqual([
      { label: 'in the fund', value: 2_900_000_000, isMoney: true },
      { label: 'contracts', value: 169, isMoney: false },
    ]);
    expect(job?.view['countries']).toEqual({
      rows: [
        { iso: 'ML', name: 'Mali', total: 100_000_000, isSample: true, recorded: true },
        { iso: 'NE', name: 'Niger', total: 25_000_000, isSample: false, recorded: true },
      ],
      total: 125_000_000,
      isSample: true,
      anyUnrecorded: false,
      any: true,
      asList: false,
      listRows: [
        {
          left: { iso: 'ML', name: 'Mali', total: 100_000_000, isSample: true, recorded: true },
          right: { iso: 'NE', name: 'Niger', total: 25_000_000, isSample: false, recorded: true },
        },
      ],
    });
  });
});

describe('planJobs: factsheet charts of named figures', () => {
  it('lays out each chart from the figures it names, with shares only when asked', () => {
    const factsheet = factsheetDocument(
      'factsheet',
      [
        'title: T',
        'figures:',
        '  eu: 2700000000',
        '  partners: 217700000',
        '  input: 4100000000',
        '  mobilised: 44000000000',
        'charts:',
        '  - title: Sources',
        '    shares: true',
        '    bars:',
        '      - {figure: eu, label: EU funds}',
        '      - {figure: partners, label: Partners}',
        '  - title: Leverage',
        '    bars:',
        '      - {figure: input, label: Input}',
        '      - {figure: mobilised, label: Mobilised}',
      ].join('\n'),
    );
    const [job] = planJobs([factsheet], datasetOf(...ROWS)).jobs;
    const charts = job?.view['charts'] as {
      title: string;
      chart: { showShare: boolean; bars: { label: string; amount: number; share: number; barWidth: number }[] };
    }[];
    expect(charts.map((entry) => [entry.title, entry.chart.showShare])).toEqual([
      ['Sources', true],
      ['Leverage', false],
    ]);
    expect(charts[0]?.chart.bars.map((bar) => [bar.label, bar.amount, Math.round(bar.share * 1000) / 1000])).toEqual([
      ['EU funds', 2.7e9, 0.925],
      ['Partners', 2.177e8, 0.075],
    ]);
    expect(charts[1]?.chart.bars.map((bar) => bar.barWidth)).toEqual([13.02, 140]);
  });
});

describe('layoutBarChart', () => {
  it('stacks bars and scales them to the largest', () => {
    const chart = layoutBarChart([
      { label: 'A', amount: 100, share: 0.8, roundedPercent: 80, barPercent: 100 },
      { label: 'B', amount: 25, share: 0.2, roundedPercent: 20, barPercent: 25 },
    ]);
    expect(chart.height).toBe(2 * 27 - 7);
    expect(chart.bars.map((bar) => [bar.barY, bar.barWidth, bar.valueX])).toEqual([
      [13, 140, 144],
      [40, 35, 39],
    ]);
  });

  it('keeps a visible sliver for tiny amounts and none for zero', () => {
    const chart = layoutBarChart([
      { label: 'A', amount: 1, share: 0.001, roundedPercent: 100, barPercent: 0.1 },
      { label: 'B', amount: 0, share: 0, roundedPercent: 0, barPercent: 0 },
    ]);
    expect(chart.bars.map((bar) => bar.barWidth)).toEqual([1.5, 0]);
  });
});

describe('planJobs: locator maps', () => {
  it('fails a brief whose map cannot be drawn, at its iso, naming the country (never an empty frame)', () => {
    const chile = onePagerDocument('chile', 'name: Chile\niso: CL');
    const result = planJobs([chile], datasetOf('CL,Trust Fund,Jobs,,2016,30000000,paid,'), () => {
      throw new FactsheetsError(
        'the locator map of Chile (CL) cannot be drawn: its outlines do not project to finite points',
        { stage: 'plan', hint: 'Report it.' },
      );
    });
    expect(result.jobs).toEqual([]);
    expect(result.errors.map(formatError)).toEqual([
      'content/countries/chile.md:3: error: the locator map of Chile (CL) cannot be drawn: its outlines do not project to finite points\n  hint: Report it.',
    ]);
    expect(result.errors[0]?.document).toBe('chile');
  });
});

describe('planJobs: one cause, one error', () => {
  const niger = onePagerDocument('niger', 'name: Niger\niso: NE');
  const overview = factsheetDocument('overview', 'title: T\ncountries: [ML, NE]');

  it("a bad country cell (any country's row) fails every document with the dataset's one error, adding none", () => {
    const source = datasetFile(...ROWS, 'M L,Trust Fund,,,2016,5,paid,');
    const validated = validateDataset(source);
    expect(validated.errors.map(formatError)).toEqual([
      expect.stringMatching(
        /^content\/funding\.csv:6:1: error: column "country": "M L" is not an ISO 3166-1 alpha-2 country code\n/,
      ),
    ]);
    const result = planJobs([mali, niger, overview], validated.dataset);
    expect(result.jobs).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.failed?.map((document) => document.name)).toEqual(['mali', 'niger', 'overview']);
  });

  it('bad rows of some countries are one error naming the documents they stop, at the dataset', () => {
    const result = planJobs(
      [mali, niger, overview],
      datasetOf(...ROWS, 'ML,Trust Fund,,,2016,-5,paid,', 'NE,Trust Fund,,,2016,-5,paid,'),
    );
    expect(result.errors.map(formatError)).toEqual([
      'content/funding.csv: error: not built: mali, niger and overview, whose figures for ML, NE come from content/funding.csv, which has errors\n' +
        '  hint: Fix the errors reported for content/funding.csv; these documents are built again once they are gone.',
    ]);
    expect(result.errors[0]?.document).toBe('mali');
    expect(result.failed?.map((document) => document.name)).toEqual(['niger', 'overview']);
    // The preview shows each document it stops the dataset's errors.
    const rowErrors = validateDataset(datasetFile(...ROWS, 'ML,Trust Fund,,,2016,-5,paid,')).errors;
    const shown = new BuildErrors([...rowErrors, ...result.errors]);
    for (const name of ['mali', 'niger'])
      expect(
        shown.of(name).shown.map((error) => error.message),
        name,
      ).toContain(rowErrors[0]?.message);
  });
});
