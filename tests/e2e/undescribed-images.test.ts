import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';

describe('an undescribed image in a layout', () => {
  it('fails the build with one error at its line and column, and prints no PDF', async () => {
    const templates = await tempDir('factsheets-undescribed-');
    await cp(TEMPLATES, templates, { recursive: true });
    const file = join(templates, 'layouts/one-pager.hbs');
    const lines = (await readFile(file, 'utf8')).split('\n');
    const at = lines.findIndex((line) => line.includes('<h1 class="masthead__title">'));
    const indent = /^\s*/.exec(lines[at] ?? '')?.[0] ?? '';
    lines.splice(at, 0, `${indent}<img src="{{asset "mark.png"}}" width="8" height="8">`);
    await writeFile(file, lines.join('\n'));
    const content = await writeContent({
      'countries/mali.md': '---\nname: Mali\niso: ML\n---\n\nMali.\n',
      'funding.csv': 'country,instrument,year,amount_eur,status\nML,Fund,2016,1000000,paid\n',
    });
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', out]);
    expect(result.stderr).toBe(
      `${join(templates, 'layouts/one-pager.hbs')}:${at + 1}:${indent.length + 1}: error: <img> has no alt text\n` +
        '  hint: Describe it with alt="…", or mark it decorative with alt="".\n',
    );
    expect(result.code).toBe(1);
    expect(await readdir(out, { recursive: true })).not.toContain('countries/mali.pdf');
  });
});
