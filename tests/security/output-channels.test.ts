import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatGithubAnnotations, formatTextReport } from '../../src/cli/report.js';
import { escapeForMessage, FactsheetsError, formatError } from '../../src/errors.js';
import { createEnvironment } from '../../src/stages/render/handlebars/environment.js';
import { checkTemplateFiles } from '../../src/stages/validate/template-files.js';
import type { BuildReport } from '../../src/model/documents.js';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeContent } from '../helpers/content.js';
import { templatesOf } from '../helpers/templates.js';

/** A value that would forge a workflow command, retitle the terminal and clear the screen if echoed raw. */
const HOSTILE =
  'ML\n::error file=forged.md,line=1::forged\r\n::add-mask::secret\u001b]0;pwned\u0007\u001b[2J\u009b\u202e';

/** Lines of output that start a GitHub workflow command; the build's own start with `::error ` or `::warning `. */
function commandLines(output: string): string[] {
  return output.split('\n').filter((line) => line.trimStart().startsWith('::'));
}

function failureOf(run: () => unknown): FactsheetsError {
  try {
    run();
  } catch (error) {
    if (error instanceof FactsheetsError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('helpers cannot write to stdout or stderr', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each([
    ['{{log "X"}}', 'log', 2, 5],
    ['{{#log "X"}}y{{/log}}', 'log', 2, 5],
    ['{{money (log "X")}}', 'log', 2, 13],
    ['{{#blockHelperMissing}}x{{/blockHelperMissing}}', 'blockHelperMissing', 2, 5],
    ['{{helperMissing "a" "b"}}', 'helperMissing', 2, 5],
  ])('prose %s is a positioned error, and nothing is written', (payload, helper, line, column) => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const log = vi.spyOn(console, 'log');
    const environment = createEnvironment(templatesOf({}), '');
    const error = failureOf(() =>
      environment.renderProse(`Intro\n    ${payload}\n`, { title: 'T' }, 'content/countries/mali.md'),
    );
    expect(formatError(error)).toMatch(
      new RegExp(
        `^content/countries/mali\\.md:${line}:${column}: error: the "${helper}" helper is not available\\n  hint: `,
      ),
    );
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('a layout or partial calling log is refused when the templates are checked, with its position', () => {
    const { errors } = checkTemplateFiles(
      templatesOf({ 'layouts/page': 'ok', 'partials/p': 'a\n{{#if x}}{{log "X" level="error"}}{{/if}}' }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      file: 'templates/partials/p.hbs',
      line: 2,
      column: 10,
      message: 'the "log" helper is not available',
    });
  });

  it('a denied prototype property renders nothing and writes no warning to the console', () => {
    const stderr = vi.spyOn(process.stderr, 'write');
    const consoleError = vi.spyOn(console, 'error');
    const environment = createEnvironment(templatesOf({ 'layouts/page': '[{{page.toString}}]' }), '');
    expect(environment.renderLayout('page', { page: { a: 1 } }, '')).toBe('[]');
    expect(environment.renderProse('[{{page.valueOf}}]', { page: { a: 1 } }, 'x.md')).toBe('[]');
    expect(stderr).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
  });
});

describe('values from the input are escaped in every message', () => {
  it('shows control, line-break and bidi characters visibly', () => {
    expect(escapeForMessage('a\nb\r\tc\u001b[2J\u0007\u0000\u009b\u2028\u202e\u2066 é €')).toBe(
      'a\\nb\\r\\tc\\x1b[2J\\x07\\x00\\x9b\\u2028\\u202e\\u2066 é €',
    );
    expect(
      new FactsheetsError(`"${HOSTILE}" is bad`, { stage: 'validate', file: 'a\nb.csv', hint: 'x\u001by' }),
    ).toMatchObject({
      message:
        '"ML\\n::error file=forged.md,line=1::forged\\r\\n::add-mask::secret\\x1b]0;pwned\\x07\\x1b[2J\\x9b\\u202e" is bad',
      file: 'a\\nb.csv',
      hint: 'x\\x1by',
    });
  });

  it('no line of the text or GitHub report comes from data, whatever the errors, warnings and file names hold', () => {
    const report: BuildReport = {
      outDir: '/out',
      seconds: 1,
      documents: [
        { name: 'x', kind: 'one-pager', source: `content/${HOSTILE}.md`, output: 'countries/x.pdf', status: 'failed' },
      ],
      errors: [
        new FactsheetsError(`"${HOSTILE}" is not a country`, {
          stage: 'validate',
          file: 'content/funding.csv',
          line: 2,
          column: 1,
          hint: HOSTILE,
        }),
        new FactsheetsError('bad name', { stage: 'validate', file: '::error file=a::b.md' }),
      ],
      warnings: [
        { message: `removed the image "${HOSTILE}"`, file: `::warning ${HOSTILE}.md`, line: 3 },
        { message: HOSTILE },
      ],
    };
    const text = formatTextReport(report);
    for (const output of [text.stdout, text.stderr]) {
      expect(commandLines(output)).toEqual([]);
      expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    }
    const annotations = formatGithubAnnotations(report);
    expect(
      annotations
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => line.slice(0, 10)),
    ).toEqual(['::error fi', '::error fi', '::warning ', '::warning:']);
    expect(annotations).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
  });
});

describe('the CLI: hostile content cannot forge output', () => {
  const dataset = `country,instrument,year,amount_eur,status\n"${HOSTILE}",Fund,2016,1,paid\nML,Fund,2016,1,paid\n`;

  it('a CSV value with a newline, workflow commands and ESC sequences is echoed escaped (text report, GitHub Actions)', async () => {
    const content = await writeContent({
      'funding.csv': dataset,
      'countries/mali.md': '---\nname: Mali\niso: ML\n---\n\nText.\n',
    });
    const result = await runCli(['build', '--content', content, '--out', await tempDir()], {
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'funding.csv:2:1: error: column "country": "ML\\n::error file=forged.md,line=1::forged\\r\\n::add-mask::secret\\x1b]0;pwned\\x07\\x1b[2J\\x9b\\u202e" is not an ISO 3166-1 alpha-2 country code',
    );
    expect(commandLines(result.stderr)).toEqual([]);
    // The only workflow commands are the build's own: the row's error (Mali fails with it, one cause, one error) and the pack's warning.
    expect(commandLines(result.stdout).map((line) => line.split('::')[1]?.split(',')[0])).toEqual([
      `error file=${content}/funding.csv`,
      'warning',
    ]);
    expect(result.stdout).toContain('ML\\n::error file=forged.md,line=1::forged\\r\\n::add-mask::secret');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  });

  it('--json stays valid JSON when prose calls log, and the log call is the error', async () => {
    const content = await writeContent({
      'funding.csv': 'country,instrument,year,amount_eur,status\nML,Fund,2016,1,paid\nNE,Fund,2016,1,paid\n',
      'countries/mali.md': '---\nname: Mali\niso: ML\n---\n\n{{log "{not json"}}\n',
      'countries/niger.md': '---\nname: Niger\niso: NE\n---\n\nFine.\n',
    });
    const result = await runCli(['build', '--json', '--content', content, '--out', await tempDir()]);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      errors: { file: string; line: number; message: string }[];
      summary: { built: number };
    };
    expect(report.errors).toMatchObject([
      {
        file: `${content}/countries/mali.md`,
        line: 6,
        message: expect.stringContaining('the "log" helper is not available') as unknown,
      },
    ]);
    expect(report.summary.built).toBe(1);
    expect(result.stderr).toBe('');
  });
});
