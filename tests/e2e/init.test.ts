import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { tempDir, TEMPLATES } from '../helpers/content.js';
import { pdfText } from '../helpers/pdf.js';

/** Words of the bundled sample's programme, which a new project must never print. */
const SAMPLE_PROGRAMME = /partnership|migration|one year/i;

async function pdfsUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true });
  return entries
    .filter((entry) => entry.endsWith('.pdf'))
    .map((entry) => join(folder, entry))
    .sort();
}

describe('factsheets init', () => {
  let cwd: string;
  let init: CliResult;
  let build: CliResult;

  beforeAll(async () => {
    cwd = await tempDir('factsheets-init-');
    init = await runCli(['init', 'my-programme'], { cwd });
    build = await runCli(['build', '--content', 'my-programme', '--out', 'output', '--jobs', '2'], { cwd });
  }, 120_000);

  it('writes a starter project that builds at once, with no word of the sample programme', async () => {
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(
      /^wrote 5 files into my-programme\nnext: npm run factsheets -- build --content my-programme --out my-programme\/output\n$/,
    );
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const pdfs = await pdfsUnder(join(cwd, 'output'));
    expect(pdfs.map((path) => path.slice(cwd.length + 1))).toEqual([
      'output/briefing-pack.pdf',
      'output/countries/kenya.pdf',
      'output/countries/peru.pdf',
      'output/overview.pdf',
    ]);
    for (const pdf of pdfs) {
      const text = pdfText(pdf);
      expect(text, pdf).not.toMatch(SAMPLE_PROGRAMME);
      expect(text.length, pdf).toBeGreaterThan(100);
    }
    expect(pdfText(join(cwd, 'output/countries/kenya.pdf'))).toMatch(/Clean Water Compact · Country brief/i);
    expect(pdfText(join(cwd, 'output/countries/kenya.pdf'))).toMatch(/Sample data/i);
  });

  it('explains every setting and every front-matter field of the starter in comments', async () => {
    const settings = await readFile(join(cwd, 'my-programme/factsheets.yml'), 'utf8');
    for (const key of [
      'series',
      'publisher',
      'kicker',
      'running_head',
      'footer_note',
      'currency',
      'language',
      'funding_label',
    ]) {
      expect(settings, key).toMatch(new RegExp(`# [^\\n]+\\n(?:#[^\\n]*\\n)*${key}:`));
    }
  });

  it('refuses to overwrite existing files, naming them, and writes nothing', async () => {
    const settings = join(cwd, 'my-programme/factsheets.yml');
    await writeFile(settings, 'series: Edited by hand\n');
    const again = await runCli(['init', 'my-programme'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /^my-programme: error: init would overwrite files that exist: my-programme\/countries\/kenya\.md, .*my-programme\/factsheets\.yml/,
    );
    expect(again.stderr).toMatch(/nothing was written/);
    expect(await readFile(settings, 'utf8')).toBe('series: Edited by hand\n');
    expect(existsSync(join(cwd, 'my-programme/templates'))).toBe(false);
  });

  it('with --templates, copies the default templates to customise', async () => {
    const folder = await tempDir('factsheets-init-templates-');
    const result = await runCli(['init', 'project', '--templates'], { cwd: folder });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--templates project/templates');
    for (const path of [
      'layouts/factsheet.hbs',
      'layouts/one-pager.hbs',
      'styles/factsheet.css',
      'partials/head.hbs',
    ]) {
      expect(await readFile(join(folder, 'project/templates', path), 'utf8')).toBe(
        await readFile(join(TEMPLATES, path), 'utf8'),
      );
    }
  });

  it('a build without a content folder names it and suggests init', async () => {
    const empty = await tempDir('factsheets-no-content-');
    const result = await runCli(['build'], { cwd: empty });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^content: error: there is no content folder here\n  hint: Start one with "factsheets init"/,
    );
  });
}, 180_000);

describe('factsheets init --templates in an existing project', () => {
  /** Every file of a folder, by path, with its bytes. */
  async function filesOf(folder: string): Promise<Map<string, Buffer>> {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    return new Map(
      await Promise.all(files.map(async (path) => [path.slice(folder.length + 1), await readFile(path)] as const)),
    );
  }

  it('adds the bundled templates, leaves the content byte for byte, and a build uses them; a second run names the file it would overwrite', async () => {
    const cwd = await tempDir('factsheets-init-existing-');
    expect((await runCli(['init', 'project'], { cwd })).code).toBe(0);
    const settings = join(cwd, 'project/factsheets.yml');
    await writeFile(settings, `${await readFile(settings, 'utf8')}\n# edited by the team\n`);
    const content = await filesOf(join(cwd, 'project'));

    const added = await runCli(['init', 'project', '--templates'], { cwd });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const bundled = await filesOf(TEMPLATES);
    expect(added.stdout).toBe(
      `added ${bundled.size} template files into project/templates; the content was left as it was\n` +
        'every build of project uses them from now on, with or without --templates\n' +
        'next: npm run factsheets -- build --content project --out project/output\n',
    );
    const after = await filesOf(join(cwd, 'project'));
    for (const [path, bytes] of content) expect(after.get(path)?.equals(bytes), path).toBe(true);
    for (const [path, bytes] of bundled) expect(after.get(`templates/${path}`)?.equals(bytes), path).toBe(true);
    expect(after.size).toBe(content.size + bundled.size);

    // The build the line suggests prints with the project's own copy of the templates.
    const layout = join(cwd, 'project/templates/layouts/one-pager.hbs');
    await writeFile(
      layout,
      (await readFile(layout, 'utf8')).replace(
        '<h1 class="masthead__title">{{country.name}}</h1>',
        '<h1 class="masthead__title">{{country.name}}, our own brief</h1>',
      ),
    );
    const build = await runCli(['build', '--content', 'project', '--out', 'project/output', '--jobs', '2'], { cwd });
    expect(build.code).toBe(0);
    const [brief] = await pdfsUnder(join(cwd, 'project/output/countries'));
    expect(pdfText(brief ?? '')).toMatch(/our own brief/i);

    const before = await filesOf(join(cwd, 'project'));
    const again = await runCli(['init', 'project', '--templates'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(
      /^project: error: init --templates would overwrite a template file that exists: project\/templates\/[^\s]+ \(and \d+ more template files\)\n  hint: .*Nothing was written\.\n$/,
    );
    const unchanged = await filesOf(join(cwd, 'project'));
    expect([...unchanged.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(unchanged.get(path)?.equals(bytes), path).toBe(true);
  }, 180_000);
});
