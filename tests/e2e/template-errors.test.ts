import { cp, readFile, rm, writeFile } from 'node:fs/promises';
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
    expect(errors[0]).toMatch(new RegExp(`styles/one-pager\\.css:${line}:${lineText.search(/\S/) + 1}: error: this rule's "\\{" is never closed`));
    expect(result.stderr).toContain('hint: Add the missing "}" where the rule ends.');
    expect(await pdfsIn(out)).toEqual([]);
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
    expect(errors).toEqual([expect.stringMatching(/layouts\/one-pager\.hbs: error: the layout "one-pager" is missing: every country brief that names no other layout prints with it \(\d+ documents here\)$/)]);
    expect(await pdfsIn(out)).toEqual(['factsheet.pdf']);
  });
});
