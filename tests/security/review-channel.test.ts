import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatReviewMarkdown, MARKDOWN_LIMIT } from '../../src/review/markdown-summary.js';
import type { DocumentReview, ReviewResult } from '../../src/review/review.js';
import { formatReviewText } from '../../src/review/summary.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { approvedSmallProject, editFile, smallProject } from '../helpers/small-project.js';

/** A programme name as a hostile or careless edit of the dataset could hold it. */
const HOSTILE =
  'Jobs\n::error file=app.ts::forged \u001b]0;owned\u0007 <img src="https://evil.example/x.png"> [click](https://evil.example) ![x](https://evil.example/y.png) @octocat';

let content: string;
let approved: string;

beforeAll(async () => {
  ({ content, approved } = await approvedSmallProject());
}, 120_000);

/** The review of a copy of the project changed by `change`, in a copy of the approved folder. */
async function review(
  change: (content: string) => Promise<void>,
  ...options: string[]
): Promise<{ code: number; stdout: string; stderr: string; out: string }> {
  const changed = await tempDir('factsheets-content-');
  await cp(content, changed, { recursive: true });
  await change(changed);
  const out = await tempDir('factsheets-review-');
  await cp(approved, out, { recursive: true });
  return { ...(await runCli(['review', '--against', approved, '--content', changed, '--out', out, ...options])), out };
}

const hostileRow = (folder: string): Promise<void> =>
  editFile(
    join(folder, 'funding.csv'),
    'Jobs and skills for young people in the regions of return',
    `"${HOSTILE.replaceAll('"', '""')}"`,
  );

describe('the review prints what it reads as text, on the terminal and in Markdown', () => {
  it('terminal: a dataset value cannot start a line of its own or reach the terminal as a control', async () => {
    const result = await review(hostileRow);
    expect(result.code, result.stderr).toBe(3);
    const lines = result.stdout.split('\n');
    expect(lines.filter((line) => line.startsWith('::'))).toEqual([]);
    expect(result.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(result.stdout).toContain('Jobs\\n::error file=app.ts::forged \\x1b]0;owned\\x07');
  }, 60_000);

  it('Markdown: no raw HTML, link, image or mention from the data; each diff once, in a fence its backticks cannot close', async () => {
    const result = await review(async (folder) => {
      await hostileRow(folder);
      // Three backticks in a line of prose (no code block is printed: the brand has no monospace font).
      await editFile(join(folder, 'countries/mali.md'), 'Mali is both', 'Mali ``` is both');
    }, '--markdown');
    expect(result.code, result.stderr).toBe(3);
    const markdown = result.stdout;
    expect(markdown).not.toContain('<img');
    expect(markdown).not.toContain('](https://');
    expect(markdown).not.toContain('@octocat');
    expect(markdown).not.toMatch(/\n::error/);
    // The brief's diff: once (the pack repeats its documents' causes), in a fence of four backticks.
    expect(markdown.split('what changed in the Markdown').length - 1).toBe(1);
    expect(markdown).toContain('\n````diff\n');
    expect(markdown).toMatch(/\n\+Mali ``` is both/);
    // Amounts in the project's currency and rows named by the dataset file.
    expect(markdown).toContain('funding\\.csv');
    expect(await readFile(join(result.out, 'review/summary.md'), 'utf8')).toBe(markdown);
  }, 60_000);

  it("amounts are described in the settings' currency", async () => {
    const result = await review(async (folder) => {
      await editFile(join(folder, 'factsheets.yml'), 'currency: EUR', 'currency: USD');
      await editFile(
        join(folder, 'funding.csv'),
        'regions of return,Jobs and economic development,2016,36500000',
        'regions of return,Jobs and economic development,2016,36600000',
      );
    });
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain(
      'funding.csv: row ML · Jobs and skills for young people in the regions of return · 2016 (line 2): amount US$36,500,000 → US$36,600,000',
    );
    expect(result.stdout).not.toContain('€');
  }, 60_000);

  it('in a workbook project, rows are named by the workbook and their row on its sheet', async () => {
    const project = await smallProject();
    const rows = parse(await readFile(join(project, 'funding.csv'), 'utf8')) as string[][];
    const asWorkbook = async (amount: string): Promise<Buffer> => {
      const book = new ExcelJS.Workbook();
      book.addWorksheet('Old', { state: 'hidden' }).addRow(['not the dataset']);
      const sheet = book.addWorksheet('Funding 2024');
      for (const [index, row] of rows.entries())
        sheet.addRow(index === 1 ? row.map((field, column) => (column === 5 ? amount : field)) : row);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    await rm(join(project, 'funding.csv'));
    await writeFile(join(project, 'funding.xlsx'), await asWorkbook('36500000'));
    const against = await tempDir('factsheets-against-');
    expect((await runCli(['build', '--content', project, '--out', against, '--quiet'])).code).toBe(0);
    await writeFile(join(project, 'funding.xlsx'), await asWorkbook('36600000'));
    const out = await tempDir('factsheets-review-');
    await cp(against, out, { recursive: true });
    const result = await runCli(['review', '--against', against, '--content', project, '--out', out]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toContain(
      "funding.xlsx: row ML · Jobs and skills for young people in the regions of return · 2016 ('Funding 2024'!2:2): amount €36,500,000 → €36,600,000",
    );
    expect(result.stdout).not.toContain('funding.csv');
  }, 90_000);

  it('a damaged record in the approved folder: the change is unexplained, with a warning naming the file', async () => {
    const against = await tempDir('factsheets-against-');
    await cp(approved, against, { recursive: true });
    const recordFile = join(against, 'manifest.review.json');
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as { rows: Record<string, unknown> };
    for (const hash of Object.keys(record.rows)) record.rows[hash] = 'not a list of rows';
    await writeFile(recordFile, JSON.stringify(record));
    const changed = await tempDir('factsheets-content-');
    await cp(content, changed, { recursive: true });
    await editFile(join(changed, 'funding.csv'), '2016,36500000', '2016,36600000');
    const out = await tempDir('factsheets-review-');
    await cp(approved, out, { recursive: true });
    const result = await runCli(['review', '--against', against, '--content', changed, '--out', out]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(
      new RegExp(
        `warning: ${recordFile.replaceAll('/', '\\/')}: its rows entry [0-9a-f]{12} is not of the shape a build writes \\(Invalid input: expected array, received string\\); the change it would explain is reported as unexplained`,
      ),
    );
    expect(result.stdout).toContain(
      'the dataset rows it uses changed, but the review records do not hold both versions',
    );
  }, 60_000);

  it("review takes the build's --quiet (and its other print options)", async () => {
    const result = await review(async () => undefined, '--quiet', '--jobs', '2');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^no change: all 4 PDFs are identical to the approved build/);
  }, 60_000);
});

/** A review of many changed documents, each with a long diff. */
function bigReview(documents: number): ReviewResult {
  const diff = {
    unified: `@@ -1 +1 @@\n-${'a'.repeat(2000)}\n+${'b'.repeat(2000)}\n`,
    changedLines: [1],
    removedLines: [1],
  };
  const reviewed: DocumentReview[] = Array.from({ length: documents }, (_, index) => ({
    output: `countries/c${index}.pdf`,
    name: `c${index}`,
    kind: 'one-pager',
    source: `content/countries/c${index}.md`,
    status: 'changed',
    pages: { approved: 1, current: 1 },
    changedPages: [{ page: 1, change: 'changed', differentPixels: 10, images: {} }],
    causes: [
      {
        kind: 'source',
        file: `content/countries/c${index}.md`,
        summary: `content/countries/c${index}.md: line 1 changed`,
        diff,
      },
    ],
    unexplained: [],
  }));
  return {
    against: 'a',
    outDir: 'b',
    tool: { approved: '1', current: '1' },
    summary: { unchanged: 0, changed: documents, added: 0, removed: 0 },
    documents: reviewed,
    pagesRendered: documents,
    seconds: 1,
    warnings: [],
  };
}

describe("the Markdown summary stays within GitHub's comment limit", () => {
  it('300 changed documents with long diffs: under 65,536 characters, with a note of what was left out', () => {
    const markdown = formatReviewMarkdown(bigReview(300), 'output/review/index.html');
    expect(markdown.length).toBeLessThanOrEqual(MARKDOWN_LIMIT);
    expect(markdown).toMatch(
      /\*Left out to stay within 65,536 characters: \d+ of 300 Markdown diffs; the full review is in the HTML report\.\*/,
    );
    // Every PDF still has its row, each with a reason.
    expect(markdown.split('\n').filter((line) => line.startsWith('| `countries/'))).toHaveLength(300);
  });

  it('every row has a reason, even one without a recorded cause', () => {
    const result = bigReview(1);
    const [document] = result.documents;
    if (document === undefined) throw new Error('no document');
    const bare = { ...result, documents: [{ ...document, causes: [] }] };
    expect(formatReviewMarkdown(bare)).toContain('| unexplained\\: no recorded cause |');
    expect(formatReviewText(bare)).toContain('        unexplained: no recorded cause');
  });
});
