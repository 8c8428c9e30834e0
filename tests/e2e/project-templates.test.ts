import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { pdfText } from '../helpers/pdf.js';

describe('a project that took the templates in (init --templates, the real CLI)', () => {
  it('builds in its own look without --templates, from any folder', async () => {
    const folder = await tempDir('factsheets-own-templates-');
    expect((await runCli(['init', 'project', '--templates'], { cwd: folder })).code).toBe(0);
    const messages = join(folder, 'project/templates/messages/en.yml');
    const text = await readFile(messages, 'utf8');
    expect(text).toContain('  programmes: programmes and actions\n');
    await writeFile(
      messages,
      text.replace('  programmes: programmes and actions\n', '  programmes: lines of the house\n'),
    );

    // Run from elsewhere, as a CI job would, with no --templates and no templates/ where it runs.
    const elsewhere = await tempDir('factsheets-ci-');
    const result = await runCli([
      'build',
      '--content',
      join(folder, 'project'),
      '--out',
      join(elsewhere, 'out'),
      '--only',
      'kenya',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(pdfText(join(elsewhere, 'out/countries/kenya.pdf'))).toMatch(/lines of the house/);
  });

  it('its layouts read their own settings (layout:), and a setting no template reads is named at its line', async () => {
    const folder = await tempDir('factsheets-layout-settings-');
    expect((await runCli(['init', 'project', '--templates'], { cwd: folder })).code).toBe(0);
    const layout = join(folder, 'project/templates/layouts/one-pager.hbs');
    const text = await readFile(layout, 'utf8');
    expect(text).toContain('  <footer class="sheet-footer">\n');
    await writeFile(
      layout,
      text.replace(
        '  <footer class="sheet-footer">\n',
        '  <footer class="sheet-footer">\n    <p>Designed by {{settings.layout.agency}}</p>\n',
      ),
    );
    const settings = join(folder, 'project/factsheets.yml');
    const lines = (await readFile(settings, 'utf8')).split('\n').length;
    await writeFile(
      settings,
      `${await readFile(settings, 'utf8')}\nlayout:\n  agency: Acme Studio\n  agnecy_logo: acme.svg\n`,
    );

    const result = await runCli([
      'build',
      '--content',
      join(folder, 'project'),
      '--out',
      join(folder, 'out'),
      '--only',
      'kenya',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      new RegExp(
        `factsheets\\.yml:${lines + 3}: warning: the layout setting "agnecy_logo" is read by no layout or partial`,
      ),
    );
    expect(pdfText(join(folder, 'out/countries/kenya.pdf'))).toContain('Designed by Acme Studio');
  });
});
