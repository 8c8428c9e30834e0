import { describe, expect, it } from 'vitest';
import { FactsheetsError } from '../../src/errors.js';
import { formatGithubAnnotations, formatJsonReport, formatTextReport } from '../../src/cli/report.js';
import type { BuildReport } from '../../src/types.js';

const report: BuildReport = {
  outDir: '/out',
  seconds: 1.23456,
  documents: [
    { name: 'mali', kind: 'one-pager', source: 'content/countries/mali.md', output: 'countries/mali.pdf', status: 'built', pages: 1, milliseconds: 412 },
    { name: 'niger', kind: 'one-pager', source: 'content/countries/niger.md', output: 'countries/niger.pdf', status: 'failed' },
  ],
  errors: [
    new FactsheetsError('column "amount_eur": "12,5" is not a number', { stage: 'validate', file: 'content/funding.csv', line: 4, column: 20, hint: 'Write digits: 100%, no commas.' }),
  ],
  warnings: [{ message: 'blocked a request for http://x/y', file: 'content/countries/mali.md', line: 7, document: 'mali' }],
};

describe('report formats', () => {
  it('text: lines per PDF and a summary on stdout, errors and warnings with positions on stderr', () => {
    expect(formatTextReport(report)).toEqual({
      stdout: 'built  countries/mali.pdf  (1 page, 412 ms)\nFAILED countries/niger.pdf  (from content/countries/niger.md)\n1 built, 1 failed, 1 error in 1.2 s\n',
      stderr: 'content/funding.csv:4:20: error: column "amount_eur": "12,5" is not a number\n  hint: Write digits: 100%, no commas.\n' +
        'content/countries/mali.md:7: warning: blocked a request for http://x/y\n',
    });
  });

  it('JSON: documents, outputs, errors with positions, warnings and timings', () => {
    expect(JSON.parse(formatJsonReport(report))).toEqual({
      ok: false,
      seconds: 1.235,
      outDir: '/out',
      summary: { built: 1, unchanged: 0, failed: 1, errors: 1, warnings: 1 },
      documents: report.documents,
      errors: [{ stage: 'validate', file: 'content/funding.csv', line: 4, column: 20, message: 'column "amount_eur": "12,5" is not a number', hint: 'Write digits: 100%, no commas.' }],
      warnings: report.warnings,
      notes: [],
    });
  });

  it('GitHub Actions: one escaped workflow command per error and warning', () => {
    expect(formatGithubAnnotations(report)).toBe(
      '::error file=content/funding.csv,line=4,col=20,title=factsheets validate::column "amount_eur": "12,5" is not a number%0AWrite digits: 100%25, no commas.\n' +
        '::warning file=content/countries/mali.md,line=7::blocked a request for http://x/y\n',
    );
  });
});
