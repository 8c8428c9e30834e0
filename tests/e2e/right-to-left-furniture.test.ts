import { execFileSync } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copySample, tempDir } from '../helpers/content.js';

/** One page's words with their boxes (points from the top left), and the page's width. */
function words(
  path: string,
  page: number,
): { width: number; height: number; words: { text: string; xMin: number; xMax: number; yMin: number }[] } {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-'], {
    encoding: 'utf8',
  });
  const size = /<page width="([\d.]+)" height="([\d.]+)"/.exec(xml);
  return {
    width: Number(size?.[1]),
    height: Number(size?.[2]),
    words: [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<\/word>/g)].map(
      (word) => ({ xMin: Number(word[1]), yMin: Number(word[2]), xMax: Number(word[3]), text: word[4] ?? '' }),
    ),
  };
}

type Side = 'left' | 'right';
type Band = 'top' | 'bottom';

/**
 * Which half of the page a word of the furniture sits in, looked for in the page's top or bottom
 * 25 mm only (the margin boxes and the one-pager's masthead and footer lines). pdftotext writes
 * an Arabic word in drawing order, its letters reversed: both spellings are looked for; brackets,
 * which it may write mirrored (")MA("), are left out.
 */
function sideOf(path: string, page: number, band: Band, word: string): Side {
  const { width, height, words: all } = words(path, page);
  const reach = (25 / 25.4) * 72;
  const found = all
    .filter((candidate) => (band === 'top' ? candidate.yMin < reach : candidate.yMin > height - reach))
    .map((candidate) => ({ ...candidate, text: candidate.text.replace(/[()]/g, '') }))
    .find((candidate) => candidate.text === word || candidate.text === [...word].reverse().join(''));
  if (found === undefined) throw new Error(`no "${word}" in the ${band} band of page ${page} of ${path}`);
  return found.xMax < width / 2
    ? 'left'
    : found.xMin > width / 2
      ? 'right'
      : (() => {
          throw new Error(`"${word}" straddles the middle of ${path}`);
        })();
}

describe('a right-to-left edition mirrors its page furniture (real Chromium)', () => {
  let out: string;
  let build: CliResult;
  let content: string;

  beforeAll(async () => {
    // The sample has no Arabic factsheet: one is made from the English one, with an Arabic running head.
    content = await copySample();
    const english = await readFile(join(content, 'factsheet.md'), 'utf8');
    await writeFile(
      join(content, 'factsheet.ar-ma.md'),
      english.replace(/^running_head: .*$/m, 'lang: ar-MA\nrunning_head: "{series} · بعد عام"'),
    );
    out = await tempDir('factsheets-rtl-furniture-');
    build = await runCli(['build', '--content', content, '--out', out, '--only', 'factsheet,morocco']);
  });

  it('builds the English and Arabic factsheet and Morocco brief', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^built {2}ar-MA\/factsheet\.pdf {2}\(2 pages, /m);
  });

  it("puts the factsheet's running head at the top left in English and at the top right in Arabic", () => {
    expect(sideOf(join(out, 'factsheet.pdf'), 2, 'top', 'PARTNERSHIP')).toBe('left');
    expect(sideOf(join(out, 'ar-MA/factsheet.pdf'), 2, 'top', 'الهجرة')).toBe('right');
    // The kicker takes the other corner.
    expect(sideOf(join(out, 'factsheet.pdf'), 2, 'top', 'Factsheet')).toBe('right');
    expect(sideOf(join(out, 'ar-MA/factsheet.pdf'), 2, 'top', 'وقائع')).toBe('left');
  });

  it('puts the page number at the bottom right in English and at the bottom left in Arabic, the footer note opposite', () => {
    expect(sideOf(join(out, 'factsheet.pdf'), 2, 'bottom', 'Page')).toBe('right');
    expect(sideOf(join(out, 'ar-MA/factsheet.pdf'), 2, 'bottom', 'الصفحة')).toBe('left');
    expect(sideOf(join(out, 'factsheet.pdf'), 2, 'bottom', 'Figures')).toBe('left');
    expect(sideOf(join(out, 'ar-MA/factsheet.pdf'), 2, 'bottom', 'أرقام')).toBe('right');
  });

  it("mirrors the one-pager's kicker and footer line: the country and date at the end of the line", () => {
    expect(sideOf(join(out, 'countries/morocco.pdf'), 1, 'top', 'COUNTRY')).toBe('left');
    expect(sideOf(join(out, 'ar-MA/countries/morocco.pdf'), 1, 'top', 'موجز')).toBe('right');
    expect(sideOf(join(out, 'countries/morocco.pdf'), 1, 'bottom', 'MA')).toBe('right');
    expect(sideOf(join(out, 'ar-MA/countries/morocco.pdf'), 1, 'bottom', 'MA')).toBe('left');
  });

  it('fails an Arabic factsheet whose table runs past the page at the left, instead of shrinking the page', async () => {
    const columns = Array.from({ length: 90 }, (_, index) => `C${index}`);
    const table = `| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n| ${columns.map(() => '123456').join(' | ')} |\n`;
    await appendFile(join(content, 'factsheet.ar-ma.md'), `\n\n## A very wide table\n\n${table}`);
    const result = await runCli([
      'build',
      '--content',
      content,
      '--out',
      await tempDir('factsheets-rtl-wide-'),
      '--only',
      'factsheet',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /factsheet\.ar-ma\.md:\d+:1: error: is wider than its page: a table "C0 C1 C2 [^"]*" is \d+ mm wide where 176 mm fit/,
    );
    expect(result.stdout).toMatch(/^built {2}factsheet\.pdf /m);
  });
});
