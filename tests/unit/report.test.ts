import { describe, expect, it } from 'vitest';
import { FactsheetsError } from '../../src/errors.js';
import { formatGithubAnnotations, formatJsonReport, formatTextReport } from '../../src/cli/report.js';
import type { BuildReport, DocumentResult } from '../../src/model/documents.js';

const NIGER_KEPT = 'its last build failed: content/funding.csv:4:20: column "amount_eur": "12,5" is not a number';

const report: BuildReport = {
  outDir: '/out',
  seconds: 1.23456,
  documents: [
    {
      name: 'mali',
      kind: 'one-pager',
      source: 'content/countries/mali.md',
      output: 'countries/mali.pdf',
      status: 'built',
      pages: 1,
      milliseconds: 412,
      rows: 3,
    },
    {
      name: 'niger',
      kind: 'one-pager',
      source: 'content/countries/niger.md',
      output: 'countries/niger.pdf',
      status: 'failed',
      outOfDate: NIGER_KEPT,
    },
  ],
  outOfDate: [{ output: 'countries/niger.pdf', name: 'niger', reason: NIGER_KEPT }],
  errors: [
    new FactsheetsError('column "amount_eur": "12,5" is not a number', {
      stage: 'validate',
      file: 'content/funding.csv',
      line: 4,
      column: 20,
      hint: 'Write digits: 100%, no commas.',
    }),
  ],
  warnings: [
    { message: 'blocked a request for http://x/y', file: 'content/countries/mali.md', line: 7, document: 'mali' },
  ],
};

describe('report formats', () => {
  it('text: lines per PDF and a summary on stdout, errors and warnings with positions on stderr', () => {
    expect(formatTextReport(report)).toEqual({
      stdout:
        'built  countries/mali.pdf  (1 page, 412 ms)\nFAILED countries/niger.pdf  (from content/countries/niger.md)\n' +
        `kept   countries/niger.pdf  (out of date: ${NIGER_KEPT})\n1 built, 1 failed, 1 error in 1.2 s\n`,
      stderr:
        'content/funding.csv:4:20: error: column "amount_eur": "12,5" is not a number\n  hint: Write digits: 100%, no commas.\n' +
        'content/countries/mali.md:7: warning: blocked a request for http://x/y\n',
    });
  });

  it('JSON: documents, outputs, errors with positions, warnings and timings', () => {
    expect(JSON.parse(formatJsonReport(report))).toEqual({
      ok: false,
      seconds: 1.235,
      outDir: '/out',
      summary: {
        built: 1,
        unchanged: 0,
        failed: 1,
        errors: 1,
        warnings: 1,
        documents: { built: 1, unchanged: 0, failed: 1 },
        printEditions: { built: 0, unchanged: 0, failed: 0 },
        briefingPack: { built: 0, unchanged: 0, failed: 0 },
      },
      documents: report.documents,
      errors: [
        {
          stage: 'validate',
          file: 'content/funding.csv',
          line: 4,
          column: 20,
          message: 'column "amount_eur": "12,5" is not a number',
          hint: 'Write digits: 100%, no commas.',
        },
      ],
      warnings: report.warnings,
      notes: [],
      outOfDate: report.outOfDate,
    });
  });

  it('GitHub Actions: one escaped workflow command per error and warning', () => {
    expect(formatGithubAnnotations(report)).toBe(
      '::error file=content/funding.csv,line=4,col=20,title=factsheets validate::column "amount_eur": "12,5" is not a number%0AWrite digits: 100%25, no commas.\n' +
        '::warning file=content/countries/mali.md,line=7::blocked a request for http://x/y\n',
    );
  });

  describe('print editions and the briefing pack', () => {
    const mali = report.documents[0]!;
    const printEdition = (name: string, status: 'built' | 'unchanged' | 'failed'): DocumentResult => ({
      name,
      kind: 'one-pager',
      edition: 'print',
      source: `content/countries/${name}.md`,
      output: `print/countries/${name}.pdf`,
      status,
      ...(status === 'failed' ? {} : { pages: 1, milliseconds: status === 'built' ? 300 : 0 }),
    });
    const pack = (status: 'built' | 'unchanged' | 'failed'): DocumentResult => ({
      name: 'briefing-pack',
      kind: 'briefing-pack',
      source: 'templates/layouts/briefing-pack.hbs',
      output: 'briefing-pack.pdf',
      status,
      ...(status === 'failed' ? {} : { pages: 14, milliseconds: status === 'built' ? 900 : 0 }),
    });
    const build = (documents: DocumentResult[], errors: FactsheetsError[] = []): BuildReport => ({
      outDir: '/out',
      seconds: 2,
      documents,
      errors,
      warnings: [],
    });

    it('text: a labelled line for the pack and for each print edition, every PDF counted once', () => {
      const { stdout } = formatTextReport(build([mali, printEdition('mali', 'built'), pack('built')]));
      expect(stdout).toBe(
        [
          'built  countries/mali.pdf  (1 page, 412 ms)',
          'built  print/countries/mali.pdf  (print edition, 1 page, 300 ms)',
          'built  briefing-pack.pdf  (briefing pack, 14 pages, 900 ms)',
          '3 built (1 document, 1 print edition, the briefing pack), 0 failed in 2.0 s',
          '',
        ].join('\n'),
      );
    });

    it('text: a build that writes only print editions says so', () => {
      const unchanged = (name: string): DocumentResult => ({
        name,
        kind: 'one-pager',
        source: `content/countries/${name}.md`,
        output: `countries/${name}.pdf`,
        status: 'unchanged',
        pages: 1,
      });
      const { stdout } = formatTextReport(
        build([
          unchanged('mali'),
          unchanged('niger'),
          printEdition('mali', 'built'),
          printEdition('niger', 'built'),
          pack('unchanged'),
        ]),
      );
      expect(stdout.split('\n').at(-2)).toBe(
        '2 built (2 print editions), 3 unchanged (2 documents, the briefing pack), 0 failed in 2.0 s',
      );
    });

    it('text: a failed print edition or pack has its FAILED line, named as such', () => {
      const error = new FactsheetsError('Target closed', { stage: 'print', file: 'briefing-pack.pdf' });
      const { stdout } = formatTextReport(build([mali, printEdition('mali', 'failed'), pack('failed')], [error]));
      expect(stdout.split('\n').slice(1)).toEqual([
        'FAILED print/countries/mali.pdf  (print edition, from content/countries/mali.md)',
        'FAILED briefing-pack.pdf  (briefing pack, from templates/layouts/briefing-pack.hbs)',
        '1 built, 2 failed (1 print edition, the briefing pack), 1 error in 2.0 s',
        '',
      ]);
    });

    it('JSON: an entry per PDF in documents, and counts per group beside the totals', () => {
      const json = JSON.parse(
        formatJsonReport(
          build([mali, printEdition('mali', 'built'), printEdition('niger', 'unchanged'), pack('built')]),
        ),
      ) as Record<string, unknown>;
      expect(json['documents']).toEqual([
        mali,
        printEdition('mali', 'built'),
        printEdition('niger', 'unchanged'),
        pack('built'),
      ]);
      expect(json['summary']).toEqual({
        built: 3,
        unchanged: 1,
        failed: 0,
        errors: 0,
        warnings: 0,
        documents: { built: 1, unchanged: 0, failed: 0 },
        printEditions: { built: 1, unchanged: 1, failed: 0 },
        briefingPack: { built: 1, unchanged: 0, failed: 0 },
      });
    });
  });
  it('names the templates a build used when they are not the bundled ones, in the text and in --json', () => {
    const base: BuildReport = { outDir: '/out', seconds: 1, documents: [], errors: [], warnings: [] };
    const own = { ...base, templates: { folder: '/agency/templates', bundled: false } };
    expect(formatTextReport(own).stdout.split('\n')[0]).toBe(
      'templates  /agency/templates  (not the bundled templates)',
    );
    expect(JSON.parse(formatJsonReport(own)).templates).toEqual({ folder: '/agency/templates', bundled: false });
    const stock = { ...base, templates: { folder: '/tool/templates', bundled: true } };
    expect(formatTextReport(stock).stdout).not.toContain('templates  ');
  });
});
