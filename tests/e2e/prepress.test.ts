import { appendFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { copyEnglishSample, TEMPLATES, tempDir } from '../helpers/content.js';

/** A plain grey PNG of the given size. */
function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(128);
  return PNG.sync.write(image);
}

describe('prepress: an image too coarse for print (real Chromium)', () => {
  it('is a warning naming the file, its printed resolution and the pixels it needs; a fine one passes', async () => {
    const content = await copyEnglishSample();
    await mkdir(join(content, 'countries/images'));
    await writeFile(join(content, 'countries/images/coarse.png'), png(30, 20));
    await writeFile(join(content, 'countries/images/fine.png'), png(1200, 150));
    await appendFile(
      join(content, 'countries/mali.md'),
      '\n![A coarse mark](images/coarse.png)\n\n![A fine band](images/fine.png)\n',
    );
    const out = await tempDir('factsheets-prepress-');

    const result = await runCli(['build', '--content', content, '--out', out, '--only', 'mali']);

    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.includes('warning:') && line.includes('ppi'));
    expect(warnings).toEqual([
      expect.stringMatching(
        /countries\/mali\.md: warning: the image .*countries\/images\/coarse\.png prints at \d+ ppi \(30 × 20 pixels over \d+ × \d+ mm\), below the 150 ppi a print needs: use an image of at least \d+ × \d+ pixels, or print it smaller/,
      ),
    ]);

    // A layout that declares the check failing (and its own floor) fails the document at the image.
    const templates = join(await tempDir('factsheets-prepress-templates-'), 'templates');
    await cp(TEMPLATES, templates, { recursive: true });
    const layout = join(templates, 'layouts/one-pager.hbs');
    await writeFile(
      layout,
      (await readFile(layout, 'utf8')).replace(
        '<body class="one-pager',
        '<body data-min-image-ppi="300" data-prepress="error" class="one-pager',
      ),
    );
    const strictOut = await tempDir('factsheets-prepress-strict-');
    const strict = await runCli([
      'build',
      '--content',
      content,
      '--templates',
      templates,
      '--out',
      strictOut,
      '--only',
      'mali',
    ]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      /countries\/images\/coarse\.png: error: one-pager mali: the image .*coarse\.png prints at \d+ ppi .*below the 300 ppi a print needs\n  hint: Use an image of at least/,
    );
    expect(strict.stderr).not.toMatch(/fine\.png/);
    expect(existsSync(join(strictOut, 'countries/mali.pdf'))).toBe(false);
  });
});

describe('prepress: type measured on the page (real Chromium)', () => {
  it('small chart labels are a warning naming the element; prose under the fitting floor fails at the style sheet', async () => {
    const templates = join(await tempDir('factsheets-type-'), 'templates');
    await cp(TEMPLATES, templates, { recursive: true });
    const sheet = join(templates, 'styles/one-pager.css');
    const original = await readFile(sheet, 'utf8');
    // CSS cannot see a chart's scale: labels set at 5 px print smaller still once the chart fits its column.
    await writeFile(sheet, `${original}\nsvg .bar-chart__label { font-size: 5px; }\n`);
    const out = await tempDir('factsheets-type-out-');
    const small = await runCli(['build', '--templates', templates, '--out', out, '--only', 'mali.en']);
    expect(small.code).toBe(0);
    expect(small.stderr).toMatch(
      /templates\/styles\/one-pager\.css:(\d+): warning: one-pager mali: text prints at \d(\.\d)? pt, under the 6 pt floor: text\.bar-chart__label "/,
    );
    // At the rule that set it: the line added above.
    expect(Number(/one-pager\.css:(\d+): warning: one-pager mali: text prints/.exec(small.stderr)?.[1])).toBe(
      original.split('\n').length + 1,
    );

    await writeFile(sheet, `${original}\n.prose p { font-size: 6.5pt; }\n`);
    const tiny = await runCli(['build', '--templates', templates, '--out', out, '--only', 'mali.en']);
    expect(tiny.code).toBe(1);
    expect(tiny.stderr).toMatch(
      /styles\/one-pager\.css: error: the prose prints at 6\.5 pt, under the 9 pt floor of fitting: p "Mali is both a country of origin/,
    );
  });
});
