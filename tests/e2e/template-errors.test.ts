import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyEnglishSample, TEMPLATES, tempDir } from '../helpers/content.js';
import { pdfsIn } from '../helpers/processes.js';

describe('templates a designer broke (the real CLI)', () => {
  it('is one error at the sheet, line and column, and prints no page in the lost styling', async () => {
    const content = await copyEnglishSample();
    const templates = join(await tempDir('factsheets-css-'), 'templates');
    await cp(TEMPLATES, templates, { recursive: true });
    const sheet = join(templates, 'styles/one-pager.css');
    const text = await readFile(sheet, 'utf8');
    const brace = text.indexOf('}');
    await writeFile(sheet, text.slice(0, brace) + text.slice(brace + 1));
    const opened = text.slice(0, text.lastIndexOf('{', brace)).split('\n');
    const line = opened.length;
    const lineText = opened.at(-1) ?? '';
    const out = await tempDir('factsheets-css-out-');

    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', out]);

    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((entry) => entry.includes('error:'));
    expect(errors).toHaveLength(1);
    // The rule's start: the first character of its selector, on the line of its "{".
    expect(errors[0]).toMatch(
      new RegExp(
        `styles/one-pager\\.css:${line}:${lineText.search(/\S/) + 1}: error: this rule's "\\{" is never closed`,
      ),
    );
    expect(result.stderr).toContain('hint: Add the missing "}" where the rule ends.');
    // Only the one-pager layout gets one-pager.css: its briefs are not printed, the factsheet is (and no pack without them).
    expect(await pdfsIn(out)).toEqual(['factsheet.pdf']);
  });

  it('a broken partial is one error at its line and column; the documents whose layout uses it keep their last good PDFs, the others are left as they are', async () => {
    const content = await copyEnglishSample();
    const templates = join(await tempDir('factsheets-partial-'), 'templates');
    await cp(TEMPLATES, templates, { recursive: true });
    const out = await tempDir('factsheets-partial-out-');
    expect((await runCli(['build', '--content', content, '--templates', templates, '--out', out])).code).toBe(0);
    const briefs = (await readdir(join(out, 'countries'))).filter((name) => name.endsWith('.pdf')).sort();
    expect(briefs.length).toBeGreaterThan(5);
    const before = new Map(
      await Promise.all(
        ['factsheet.pdf', 'briefing-pack.pdf'].map(async (pdf) => [pdf, await readFile(join(out, pdf))] as const),
      ),
    );
    // key-figure is the factsheet layout's alone; an {{#if}} opened and never closed on its line 3.
    const partial = join(templates, 'partials/key-figure.hbs');
    await writeFile(
      partial,
      (await readFile(partial, 'utf8')).replace('__label">{{label}}', '__label">{{#if label}}{{label}}'),
    );

    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', out]);

    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter((entry) => entry.includes('error:'))).toEqual([
      expect.stringMatching(
        /partials\/key-figure\.hbs:3:34: error: the \{\{#if\}\} block opened here is never closed$/,
      ),
    ]);
    expect(result.stderr).toContain('hint: Close it with {{/if}} where the block ends.');
    for (const [pdf, bytes] of before)
      expect((await readFile(join(out, pdf))).equals(bytes), `${pdf} is kept`).toBe(true);
    expect(result.stdout).toMatch(/kept\s+factsheet\.pdf/);
    // The one-pagers do not call key-figure: up to date, not printed again (their layout's inputs hold only the partials it reaches).
    expect(result.stdout).not.toMatch(/(built|FAILED|kept)\s+countries\//);
    expect(result.stdout).toMatch(new RegExp(`\\n0 built, ${briefs.length} unchanged, 1 failed, 1 error in`));
  });

  it('a missing layout is one error at the file that should be there; the documents of other layouts are built', async () => {
    const content = await copyEnglishSample();
    const templates = join(await tempDir('factsheets-no-layout-'), 'templates');
    await cp(TEMPLATES, templates, { recursive: true });
    await rm(join(templates, 'layouts/one-pager.hbs'));
    const out = await tempDir('factsheets-no-layout-out-');

    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', out, '--jobs', '2']);

    expect(result.code).toBe(1);
    const errors = result.stderr.split('\n').filter((entry) => entry.includes('error:'));
    expect(errors).toEqual([
      expect.stringMatching(
        /layouts\/one-pager\.hbs: error: the layout "one-pager" is missing: every country brief that names no other layout prints with it \(\d+ documents here\)$/,
      ),
    ]);
    expect(await pdfsIn(out)).toEqual(['factsheet.pdf']);
  });
});
