import { appendFile, cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEMPLATES, copyEnglishSample, tempDir } from '../helpers/content.js';
import { pageCount } from '../helpers/pdf.js';

interface JsonError {
  readonly document?: string;
  readonly message: string;
  readonly hint?: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
}
interface JsonReport {
  readonly documents: { readonly name: string; readonly output: string; readonly status: string }[];
  readonly errors: JsonError[];
}

/** The bundled templates with `css` added at the end of the one-pager's style sheet; and the line it starts at. */
async function templatesWith(css: string): Promise<{ folder: string; line: number }> {
  const folder = await tempDir('factsheets-cause-templates-');
  await cp(TEMPLATES, folder, { recursive: true });
  const sheet = join(folder, 'styles/one-pager.css');
  const line = (await readFile(sheet, 'utf8')).trimEnd().split('\n').length + 2;
  await appendFile(sheet, `\n${css}\n`);
  return { folder, line };
}

/** Builds the English sample's Mali with these templates (or the bundled ones). */
async function buildMali(content: string, templates?: string): Promise<{ report: JsonReport; out: string }> {
  const out = await tempDir('factsheets-cause-');
  const result = await runCli([
    'build',
    '--content',
    content,
    '--out',
    out,
    '--only',
    'mali',
    '--json',
    ...(templates === undefined ? [] : ['--templates', templates]),
  ]);
  return { report: JSON.parse(result.stdout) as JsonReport, out };
}

describe('overflow errors name their cause: the column that sets the height, the style rule or the Markdown that made it too wide', () => {
  it("names a sidebar that sets the page's height at its element in the layout, by how much; shortening it by that much fits", async () => {
    const content = await copyEnglishSample();
    const padding = 160;
    const { folder } = await templatesWith(`.data-panel { padding-bottom: ${padding}mm; }`);
    const { report } = await buildMali(content, folder);
    const layoutLine =
      (await readFile(join(TEMPLATES, 'layouts/one-pager.hbs'), 'utf8'))
        .split('\n')
        .findIndex((line) => line.includes('<aside class="data-panel"')) + 1;
    expect(report.errors).toHaveLength(1);
    const [error] = report.errors;
    expect(error?.file).toMatch(/countries\/mali\.md$/);
    const match =
      /^does not fit on one page even at its densest step \("dense", 9 pt body text, 3 funding lines\): it prints on 2 pages, overflowing by (\d+) mm: its height is set by the <aside class="data-panel" data-fit-beside> of (.+):(\d+), (\d+) mm taller than the <main class="prose" data-fit-prose="narrative"> beside it$/.exec(
        error?.message ?? '',
      );
    expect(match, error?.message).not.toBeNull();
    const [, over = '0', layout = '', line = '0', taller = '0'] = match ?? [];
    expect(layout).toMatch(/layouts\/one-pager\.hbs$/);
    expect(Number(line)).toBe(layoutLine);
    expect(Number(taller)).toBeGreaterThan(Number(over));
    expect(error?.hint).toBe(
      `Make that column at least ${over} mm shorter (less in it, or smaller type or more width for it in the layout's style sheet); cutting the prose beside it would not help.`,
    );
    // The measure is the page's: that much shorter, the same brief prints on one page.
    const shorter = await templatesWith(`.data-panel { padding-bottom: ${padding - Number(over)}mm; }`);
    const again = await buildMali(content, shorter.folder);
    expect(again.report.errors).toEqual([]);
    expect(pageCount(join(again.out, 'countries/mali.pdf'))).toBe(1);
  }, 60_000);

  it("names the style rule that made content too wide, at its style sheet's line: a fixed width, or text kept on one line", async () => {
    const content = await copyEnglishSample();
    const wide = await templatesWith('.one-pager .key-figures { min-width: 250mm; }');
    const [error] = (await buildMali(content, wide.folder)).report.errors;
    expect(error).toMatchObject({
      file: expect.stringMatching(/styles\/one-pager\.css$/),
      line: wide.line,
      column: 27,
      document: 'mali',
      message: expect.stringMatching(
        /^is wider than its page: a section \(\.key-figures\.key-figures--four\) "[^"]*" is 250 mm wide where 210 mm fit, made so by the style rule "\.one-pager \.key-figures \{ min-width: 250mm \}" on its <section class="key-figures key-figures--four">, and Chromium would shrink the whole document to fit it$/,
      ),
      hint: 'Give it a width the page holds (at most 210 mm, or a share such as 100%); nothing on a page is scaled to fit.',
    });
    const nowrap = await templatesWith('.one-pager .lede { white-space: nowrap; }');
    const [kept] = (await buildMali(content, nowrap.folder)).report.errors;
    expect(kept).toMatchObject({
      file: expect.stringMatching(/styles\/one-pager\.css$/),
      line: nowrap.line,
      column: 20,
      message: expect.stringMatching(
        /^is wider than its page: a p \(\.lede\) "A Sahel country [^"]*" is \d+ mm wide where 210 mm fit, made so by the style rule "\.one-pager \.lede \{ white-space: nowrap \}" on its <p class="lede" data-fit-prose="summary">/,
      ),
      hint: 'Let the text wrap: remove "white-space: nowrap" from that rule, or keep it for short text only; nothing on a page is scaled to fit.',
    });
  }, 60_000);

  it('names the Markdown line of content too wide by itself: a table of many columns', async () => {
    const content = await copyEnglishSample();
    const brief = join(content, 'countries/mali.md');
    const columns = Array.from({ length: 60 }, (_, index) => `C${index}`);
    await appendFile(
      brief,
      `\n\n| ${columns.join(' | ')} |\n|${columns.map(() => '---').join('|')}|\n| ${columns.map(() => '123456').join(' | ')} |\n`,
    );
    const tableLine = (await readFile(brief, 'utf8')).split('\n').indexOf(`| ${columns.join(' | ')} |`) + 1;
    const [error] = (await buildMali(content)).report.errors;
    expect(error).toMatchObject({
      file: expect.stringMatching(/countries\/mali\.md$/),
      line: tableLine,
      column: 1,
      message: expect.stringMatching(
        /^is wider than its page: a table "C0 C1 C2 [^"]*" is \d+ mm wide where 210 mm fit, and Chromium would shrink the whole document to fit it$/,
      ),
      hint: 'Give this Markdown table fewer columns, or split it in two; nothing on a page is scaled to fit.',
    });
  }, 60_000);
});
