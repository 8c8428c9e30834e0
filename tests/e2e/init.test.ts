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
  return entries.filter((entry) => entry.endsWith('.pdf')).map((entry) => join(folder, entry)).sort();
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
    expect(init.stdout).toMatch(/^wrote 5 files into my-programme\nnext: npm run factsheets -- build --content my-programme --out my-programme\/output\n$/);
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const pdfs = await pdfsUnder(join(cwd, 'output'));
    expect(pdfs.map((path) => path.slice(cwd.length + 1))).toEqual(['output/briefing-pack.pdf', 'output/countries/kenya.pdf', 'output/countries/peru.pdf', 'output/overview.pdf']);
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
    for (const key of ['series', 'publisher', 'kicker', 'running_head', 'footer_note', 'currency', 'language', 'funding_label']) {
      expect(settings, key).toMatch(new RegExp(`# [^\\n]+\\n(?:#[^\\n]*\\n)*${key}:`));
    }
  });

  it('refuses to overwrite existing files, naming them, and writes nothing', async () => {
    const settings = join(cwd, 'my-programme/factsheets.yml');
    await writeFile(settings, 'series: Edited by hand\n');
    const again = await runCli(['init', 'my-programme', '--templates'], { cwd });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^my-programme: error: init would overwrite files that exist: my-programme\/countries\/kenya\.md, .*my-programme\/factsheets\.yml/);
    expect(again.stderr).toMatch(/nothing was written/);
    expect(await readFile(settings, 'utf8')).toBe('series: Edited by hand\n');
    expect(existsSync(join(cwd, 'my-programme/templates'))).toBe(false);
  });

  it('with --templates, copies the default templates to customise', async () => {
    const folder = await tempDir('factsheets-init-templates-');
    const result = await runCli(['init', 'project', '--templates'], { cwd: folder });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--templates project/templates');
    for (const path of ['layouts/factsheet.hbs', 'layouts/one-pager.hbs', 'styles/factsheet.css', 'partials/head.hbs']) {
      expect(await readFile(join(folder, 'project/templates', path), 'utf8')).toBe(await readFile(join(TEMPLATES, path), 'utf8'));
    }
  });

  it('a build without a content folder names it and suggests init', async () => {
    const empty = await tempDir('factsheets-no-content-');
    const result = await runCli(['build'], { cwd: empty });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^content: error: there is no content folder here\n  hint: Start one with "factsheets init"/);
  });
}, 180_000);
