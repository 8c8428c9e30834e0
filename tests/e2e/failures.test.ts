import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/command-names.js';
import { runCli } from '../helpers/cli.js';
import { copySample, PROJECT, tempDir, writeContent } from '../helpers/content.js';
import { pageCount, pdfText } from '../helpers/pdf.js';

const STACK_TRACE = /^\s+at .+\(.*:\d+:\d+\)$/m;

describe('a one-pager that overflows (real Chromium)', () => {
  it('fails with the file and the overflow, keeps its previous PDF byte-identical, and builds the rest', async () => {
    const out = await tempDir('factsheets-overflow-');
    await mkdir(join(out, 'countries'));
    const previous = Buffer.from('%PDF-1.4 previous good version of long.pdf\n');
    await writeFile(join(out, 'countries/long.pdf'), previous);

    const result = await runCli(['build', '--content', 'tests/fixtures/overflow', '--out', out]);

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^tests\/fixtures\/overflow\/countries\/long\.md: error: does not fit on one page even at its densest step \("dense", 9 pt body text, \d funding lines?\): it prints on [2-9] pages, overflowing by \d+ mm \(about \d+ lines of text\)\n  hint: Cut about \d+ words of the narrative/,
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect((await readFile(join(out, 'countries/long.pdf'))).equals(previous)).toBe(true);
    expect(pageCount(join(out, 'countries/short.pdf'))).toBe(1);
    expect(pdfText(join(out, 'countries/short.pdf'))).toContain('€2.5 million');
    expect(result.stdout).toMatch(/1 built, 1 failed, 1 error in/);
    expect((await readdir(join(out, 'countries'))).sort()).toEqual(['long.pdf', 'short.pdf']);
  });
});

describe('a content folder with many bad inputs', () => {
  it('reports all of them in one run, exactly as expected, builds the valid document and exits 1', async () => {
    const out = await tempDir('factsheets-bad-');
    const result = await runCli(['build', '--content', 'tests/fixtures/bad-inputs', '--out', out]);
    const expected = await readFile(join(PROJECT, 'tests/fixtures/bad-inputs.expected-stderr.txt'), 'utf8');
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(expected);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(await readdir(join(out, 'countries'))).toEqual(['niger.pdf']);
    expect(result.stdout).toMatch(/\n1 built, 6 failed, 9 errors in \d+\.\d s\n$/);
  });

  it('never runs code from non-YAML front matter', async () => {
    await runCli(['build', '--content', 'tests/fixtures/bad-inputs', '--out', await tempDir()]);
    await expect(stat('/tmp/factsheets-pwned')).rejects.toThrow(/ENOENT/);
  });
});

describe('the command line', () => {
  it.each([
    [
      ['frobnicate'],
      'factsheets: unknown command "frobnicate" (the commands are "build", "preview", "review", "init", "check", "languages" and "forecast")',
    ],
    [
      [],
      'factsheets: missing command (the commands are "build", "preview", "review", "init", "check", "languages" and "forecast")',
    ],
    [['build', '--jobs', 'zero'], 'factsheets: --jobs must be a whole number from 1 to 64, got "zero"'],
    [['build', '--bogus'], "factsheets: Unknown option '--bogus'"],
    [['build', '--only', ','], 'factsheets: --only needs at least one document name'],
  ])('exits 2 on a wrong command line: %j', async (args, message) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(message);
    expect(result.stderr).toContain(args.includes('build') ? 'Usage: factsheets build' : 'Usage: factsheets <command>');
  });

  it('exits 2 when --only names a document that does not exist', async () => {
    const result = await runCli(['build', '--only', 'mali,atlantis', '--out', await tempDir()]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: --only names a document that does not exist: atlantis\n  hint: Known documents: cote-d-ivoire, cote-d-ivoire.fr, ethiopia, ethiopia.am, factsheet, factsheet.fr,.* \(a name takes all its editions; add a language, e.g. mali.fr or mali.en, for one\)\./,
    );
  });

  it('builds only the documents named by --only', async () => {
    const out = await tempDir();
    // A name takes every edition of the document (factsheet and factsheet.fr); a name with its language, that one.
    const result = await runCli(['build', '--only', 'factsheet,mali.fr', '--out', out]);
    expect(result.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['factsheet.pdf', 'fr', 'manifest.json', 'manifest.review.json']);
    expect((await readdir(join(out, 'fr'))).sort()).toEqual(['countries', 'factsheet.pdf']);
    expect(await readdir(join(out, 'fr/countries'))).toEqual(['mali.pdf']);
    // A later --only build adds to the manifest instead of forgetting the others.
    expect((await runCli(['build', '--only', 'niger', '--out', out])).code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      documents: { output: string }[];
    };
    expect(manifest.documents.map((entry) => entry.output)).toEqual([
      'countries/niger.pdf',
      'factsheet.pdf',
      'fr/countries/mali.pdf',
      'fr/countries/niger.pdf',
      'fr/factsheet.pdf',
    ]);
  });

  it("prints help and exits 0: every command with a line each, and a command's own options", async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Usage: factsheets <command> [options]');
    const commandLines = lines.filter((line) => /^  [a-z]+ {2,}\S/.test(line));
    expect(commandLines.map((line) => line.trim().split(/\s+/)[0])).toEqual([...COMMAND_NAMES]);
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['build', 'preview', 'review', 'init']));
    for (const line of commandLines) expect(line.length, line).toBeLessThanOrEqual(100);
    expect((await runCli(['-h'])).stdout).toBe(result.stdout);
    const build = await runCli(['build', '--help']);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^Usage: factsheets build/);
  });

  it('says in one line which browser is missing, without a stack trace', async () => {
    const result = await runCli(['build', '--only', 'mali', '--out', await tempDir()], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: the browser at /nonexistent/chrome does not exist\n' +
        '  hint: Correct PUPPETEER_EXECUTABLE_PATH (or unset it to use the system Chromium).\n',
    );
  });

  it('builds any content folder that follows the contract, from any folder, with the bundled templates', async () => {
    const content = await writeContent({
      'brief.md':
        '---\ntitle: A brief of our own\ndate: 2024-05-01\n---\n\n## Section\n\nText with ~~GFM~~ and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
      'countries/sao-tome.md':
        '---\nname: São Tomé and Príncipe\niso: ST\n---\n\n## Why\n\nTotal {{money funding.total}}.\n',
      'funding.csv': 'country,instrument,year,amount_eur,status\nST,European Development Fund,2020,950000,paid\n',
    });
    const cwd = await tempDir('factsheets-cwd-');
    const out = join(cwd, 'pdfs');
    const result = await runCli(['build', '--content', content, '--out', out], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(pageCount(join(out, 'brief.pdf'))).toBe(1);
    expect(pdfText(join(out, 'countries/sao-tome.pdf'))).toContain('São Tomé and Príncipe');
    expect(pdfText(join(out, 'countries/sao-tome.pdf'))).toContain('€950,000');
  });
});

describe('machine-readable reports', () => {
  it('--json prints the whole report as JSON on stdout', async () => {
    const out = await tempDir();
    const result = await runCli(['build', '--content', 'tests/fixtures/overflow', '--out', out, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    const report = JSON.parse(result.stdout) as {
      ok: boolean;
      summary: unknown;
      documents: { name: string; status: string }[];
      errors: { file: string; stage: string }[];
      warnings: unknown[];
    };
    expect(report.ok).toBe(false);
    expect(report.summary).toEqual({
      built: 1,
      unchanged: 0,
      failed: 1,
      errors: 1,
      warnings: 1,
      // The pack is not made when a document failed (the warning says so): no entry of its own.
      documents: { built: 1, unchanged: 0, failed: 1 },
      printEditions: { built: 0, unchanged: 0, failed: 0 },
      briefingPack: { built: 0, unchanged: 0, failed: 0 },
    });
    expect(report.warnings).toEqual([{ message: 'briefing-pack.pdf was not rebuilt: some English documents failed' }]);
    expect(report.documents.map((document) => [document.name, document.status]).sort()).toEqual([
      ['long', 'failed'],
      ['short', 'built'],
    ]);
    expect(report.errors[0]).toMatchObject({ file: 'tests/fixtures/overflow/countries/long.md', stage: 'finish' });
  });

  it('under GitHub Actions, errors are also workflow annotations on the file and line', async () => {
    const result = await runCli(['build', '--content', 'tests/fixtures/bad-inputs', '--out', await tempDir()], {
      env: { GITHUB_ACTIONS: 'true' },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error file=tests/fixtures/bad-inputs/funding.csv,line=4,col=37,title=factsheets validate::column "amount_eur": -400 is negative%0AAmounts must be zero or more, in euros.\n',
    );
    expect(result.stdout.match(/^::error /gm)).toHaveLength(9);
  });
});

describe('a typo in the settings after a good build (real Chromium, the sample)', () => {
  it('keeps every PDF byte for byte, lists them as kept and out of date, and the fix finds them current', async () => {
    const content = await copySample();
    const out = await tempDir('factsheets-kept-');
    expect((await runCli(['build', '--content', content, '--out', out])).code).toBe(0);
    const pdfs = async (): Promise<Map<string, string>> => {
      const found = new Map<string, string>();
      for (const name of await readdir(out, { recursive: true }))
        if (name.endsWith('.pdf')) found.set(name, (await readFile(join(out, name))).toString('base64'));
      return found;
    };
    const before = await pdfs();
    expect(before.size).toBe(22);
    const settings = join(content, 'factsheets.yml');
    const good = await readFile(settings, 'utf8');
    await writeFile(settings, `${good}footer_nte: typo\n`);

    const broken = await runCli(['build', '--content', content, '--out', out, '--json']);
    expect(broken.code).toBe(1);
    expect(await pdfs()).toEqual(before);
    const report = JSON.parse(broken.stdout) as { outOfDate: { output: string; reason: string }[] };
    expect(report.outOfDate.map((kept) => kept.output).sort()).toEqual([...before.keys()].sort());
    expect(report.outOfDate[0]?.reason).toMatch(
      /^(its last build failed: .*factsheets\.yml:\d+:1: unknown setting "footer_nte"|not made again: some documents failed)$/,
    );
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      documents: { outOfDate?: string }[];
    };
    expect(manifest.documents.filter((entry) => entry.outOfDate !== undefined)).toHaveLength(22);

    await writeFile(settings, good);
    const fixed = await runCli(['build', '--content', content, '--out', out]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/^0 built, 22 unchanged \(18 documents, 4 briefing packs\), 0 failed in/m);
    expect(await pdfs()).toEqual(before);
  });
});
