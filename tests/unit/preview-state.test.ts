import { describe, expect, it } from 'vitest';
import { FactsheetsError } from '../../src/errors.js';
import { MAX_ERRORS_SHOWN } from '../../src/preview/error-lists.js';
import { applyReport, INITIAL_STATE, roomLeftMmOf, type PreviewState } from '../../src/preview/state.js';
import type { BuildReport, DocumentResult } from '../../src/model/documents.js';

const mali: DocumentResult = {
  name: 'mali',
  kind: 'one-pager',
  source: 'content/countries/mali.md',
  output: 'countries/mali.pdf',
  status: 'built',
  pages: 1,
  milliseconds: 120,
};
const factsheet: DocumentResult = {
  name: 'factsheet',
  kind: 'factsheet',
  source: 'content/factsheet.md',
  output: 'factsheet.pdf',
  status: 'built',
  pages: 3,
  milliseconds: 300,
};

function report(documents: readonly DocumentResult[], errors: readonly FactsheetsError[] = []): BuildReport {
  return { outDir: '/out', documents, errors, warnings: [], seconds: 0.2 };
}

/** As the build reports a failed document: no pages. */
const failedMali: DocumentResult = {
  name: 'mali',
  kind: 'one-pager',
  source: 'content/countries/mali.md',
  output: 'countries/mali.pdf',
  status: 'failed',
};

const nothingOnDisk = (): boolean => false;

describe('the preview state after each build', () => {
  it('lists factsheets first, then one-pagers by name, each with status, pages and the build that wrote its PDF', () => {
    const state = applyReport(
      INITIAL_STATE,
      report([mali, { ...mali, name: 'ghana', output: 'countries/ghana.pdf' }, factsheet]),
      nothingOnDisk,
    );
    expect(state.build).toBe(1);
    expect(
      state.documents.map((document) => [
        document.name,
        document.status,
        document.pages,
        document.version,
        document.hasPdf,
      ]),
    ).toEqual([
      ['factsheet', 'built', 3, 1, true],
      ['ghana', 'built', 1, 1, true],
      ['mali', 'built', 1, 1, true],
    ]);
  });

  it('shows each document once: not its print edition (same name, print/ path), nor the briefing pack', () => {
    const printMali: DocumentResult = {
      ...mali,
      edition: 'print',
      output: 'print/countries/mali.pdf',
      status: 'failed',
    };
    const pack: DocumentResult = {
      name: 'briefing-pack',
      kind: 'briefing-pack',
      source: 'templates/layouts/briefing-pack.hbs',
      output: 'briefing-pack.pdf',
      status: 'built',
      pages: 6,
    };
    const state = applyReport(INITIAL_STATE, report([mali, factsheet, printMali, pack]), nothingOnDisk);
    expect(state.documents.map((document) => [document.name, document.output, document.status])).toEqual([
      ['factsheet', 'factsheet.pdf', 'built'],
      ['mali', 'countries/mali.pdf', 'built'],
    ]);
  });

  it('moves the version only for documents printed again, so the page redraws only those', () => {
    const first = applyReport(INITIAL_STATE, report([mali, factsheet]), nothingOnDisk);
    const second = applyReport(first, report([mali, { ...factsheet, status: 'unchanged' }]), nothingOnDisk);
    expect(second.documents.map((document) => [document.name, document.version])).toEqual([
      ['factsheet', 1],
      ['mali', 2],
    ]);
  });

  it('keeps the last good pages of a failed document and gives it its own errors with their positions and hints', () => {
    const first = applyReport(INITIAL_STATE, report([mali]), nothingOnDisk);
    const error = new FactsheetsError('the front matter is not valid YAML', {
      stage: 'validate',
      file: 'content/countries/mali.md',
      line: 3,
      column: 6,
      hint: 'Fix the YAML.',
      document: 'mali',
    });
    const other = new FactsheetsError('ghana is broken', {
      stage: 'validate',
      file: 'content/countries/ghana.md',
      line: 2,
      document: 'ghana',
    });
    const failed = applyReport(first, report([failedMali], [error, other]), nothingOnDisk);
    expect(failed.documents[0]).toMatchObject({ status: 'failed', pages: 1, version: 1, hasPdf: true });
    expect(failed.documents[0]?.errors).toEqual({
      shown: [
        {
          position: 'content/countries/mali.md:3:6',
          file: 'content/countries/mali.md',
          line: 3,
          message: 'the front matter is not valid YAML',
          hint: 'Fix the YAML.',
          document: 'mali',
        },
      ],
      total: 1,
    });
    expect(failed.errors.shown.map((shown) => shown.message)).toEqual([
      'the front matter is not valid YAML',
      'ghana is broken',
    ]);
    const fixed = applyReport(failed, report([mali]), nothingOnDisk);
    expect(fixed.documents[0]).toMatchObject({ status: 'built', version: 3, errors: { shown: [], total: 0 } });
  });

  it('gives a document failed by a shared error (a dataset row) that error, and asks the disk about a PDF it never saw built', () => {
    const row = new FactsheetsError('amount_eur must be a number', {
      stage: 'validate',
      file: 'content/funding.csv',
      line: 7,
      column: 6,
    });
    const state = applyReport(INITIAL_STATE, report([failedMali], [row]), (output) => output === 'countries/mali.pdf');
    expect(state.documents[0]?.errors.shown.map((shown) => shown.position)).toEqual(['content/funding.csv:7:6']);
    expect(state.documents[0]?.hasPdf).toBe(true);
    expect(applyReport(INITIAL_STATE, report([failedMali], [row]), nothingOnDisk).documents[0]?.hasPdf).toBe(false);
  });

  it('shows under a failed document its own error, then the errors of the shared file that error names as the cause, and only those', () => {
    const rows = Array.from(
      { length: 200_000 },
      (_, index) =>
        new FactsheetsError(`row ${index + 2}: amount_eur is not a number`, {
          stage: 'validate',
          file: 'content/funding.csv',
          line: index + 2,
          column: 6,
        }),
    );
    const template = new FactsheetsError('unknown partial', {
      stage: 'render',
      file: 'templates/partials/quote.hbs',
      line: 1,
    });
    const cause = new FactsheetsError('not built: its figures for ML come from content/funding.csv, which has errors', {
      stage: 'plan',
      file: 'content/countries/mali.md',
      line: 3,
      document: 'mali',
    });
    const state = applyReport(INITIAL_STATE, report([failedMali], rows.concat([template, cause])), nothingOnDisk);
    const shown = state.documents[0]?.errors;
    expect(shown?.total).toBe(200_001);
    expect(shown?.shown.length).toBe(MAX_ERRORS_SHOWN);
    expect(shown?.shown[0]?.message).toMatch(/^not built: its figures for ML/);
    expect(shown?.shown[1]?.position).toBe('content/funding.csv:2:6');
    expect(shown?.shown.some((error) => error.file === 'templates/partials/quote.hbs')).toBe(false);
    expect(state.errors.total).toBe(200_002);
    expect(state.errors.shown.length).toBe(MAX_ERRORS_SHOWN);
  });

  it('keeps the documents, failed, when a build could not even read the content', () => {
    const first = applyReport(INITIAL_STATE, report([mali, factsheet]), nothingOnDisk);
    const unreadable = applyReport(
      first,
      report([], [new FactsheetsError('cannot read the content folder', { stage: 'load', file: 'content' })]),
      nothingOnDisk,
    );
    expect(
      unreadable.documents.map((document) => [document.name, document.status, document.hasPdf, document.errors.total]),
    ).toEqual([
      ['factsheet', 'failed', true, 1],
      ['mali', 'failed', true, 1],
    ]);
  });

  it('drops a document whose file was deleted', () => {
    const first: PreviewState = applyReport(INITIAL_STATE, report([mali, factsheet]), nothingOnDisk);
    expect(applyReport(first, report([factsheet]), nothingOnDisk).documents.map((document) => document.name)).toEqual([
      'factsheet',
    ]);
  });

  it('shows the room left on a one-pager when the report has it, and keeps it while the document is unchanged', () => {
    const fit = { step: 'design', stepIndex: 0, roomMm: 14.5, roomLines: 3, bodyPt: 10 };
    const withRoom: DocumentResult = { ...mali, fit };
    expect(roomLeftMmOf(withRoom)).toBe(14.5);
    expect(roomLeftMmOf(mali)).toBeUndefined();
    const first = applyReport(INITIAL_STATE, report([withRoom, factsheet]), nothingOnDisk);
    expect(first.documents.map((document) => document.roomLeftMm)).toEqual([undefined, 14.5]);
    const unchanged = applyReport(first, report([{ ...mali, status: 'unchanged' }]), nothingOnDisk);
    expect(unchanged.documents[0]?.roomLeftMm).toBe(14.5);
    expect(applyReport(first, report([mali]), nothingOnDisk).documents[0]?.roomLeftMm).toBeUndefined();
  });
});
