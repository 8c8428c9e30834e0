import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEMPLATES, tempDir, writeContent } from '../helpers/content.js';

/** A red PNG with pixels enough for print where it is shown (the mark at 8 px, the band across a column). */
function redPng(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  for (let offset = 0; offset < image.data.length; offset += 4) image.data.set([220, 30, 30, 255], offset);
  return PNG.sync.write(image);
}

function imagesIn(pdf: string): number {
  // Rows of type "image" (each PNG with transparency also has an "smask" row).
  return execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
}

describe("the build's own images still print (real Chromium)", () => {
  it('embeds an image from templates/assets and one from the content folder, with no warning', async () => {
    const templates = await tempDir('factsheets-asset-templates-');
    await cp(TEMPLATES, templates, { recursive: true });
    await mkdir(join(templates, 'assets'));
    await writeFile(join(templates, 'assets/mark.png'), redPng(64, 64));
    const layout = await readFile(join(templates, 'layouts/one-pager.hbs'), 'utf8');
    await writeFile(
      join(templates, 'layouts/one-pager.hbs'),
      layout.replace(
        '<h1 class="masthead__title">',
        '<img src="{{asset "mark.png"}}" alt="" width="8" height="8"><h1 class="masthead__title">',
      ),
    );
    const content = await writeContent({
      'countries/mali.md': '---\nname: Mali\niso: ML\n---\n\n![A red square](../images/square.png)\n',
      'funding.csv': 'country,instrument,year,amount_eur,status\nML,Fund,2016,1000000,paid\n',
    });
    await mkdir(join(content, 'images'));
    await writeFile(join(content, 'images/square.png'), redPng(1600, 200));
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(imagesIn(join(out, 'countries/mali.pdf'))).toBe(2);
  });
});
