import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEMPLATES, tempDir } from '../helpers/content.js';
import { boxesMm } from '../helpers/pdf.js';

/** The bundled templates, with the one-pager's print page sized `size` (the bundled one is 216mm 303mm: 3 mm of bleed). */
async function templatesWithPrintPage(size: string): Promise<string> {
  const templates = join(await tempDir('factsheets-geometry-'), 'templates');
  await cp(TEMPLATES, templates, { recursive: true });
  const sheet = join(templates, 'styles/one-pager.css');
  const css = await readFile(sheet, 'utf8');
  expect(css).toContain('@page one-pager-bleed { size: 216mm 303mm;');
  await writeFile(
    sheet,
    css.replace('@page one-pager-bleed { size: 216mm 303mm;', `@page one-pager-bleed { size: ${size};`),
  );
  return templates;
}

describe('print geometry from the layout (--print, real Chromium)', () => {
  it('a layout sized for 5 mm of bleed gets an exact A4 TrimBox, a 5 mm BleedBox and its marks in the slug', async () => {
    const out = await tempDir('factsheets-geometry-out-');
    const result = await runCli([
      'build',
      '--print',
      '--templates',
      await templatesWithPrintPage('220mm 307mm'),
      '--out',
      out,
      '--only',
      'mali.en',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { MediaBox = [], TrimBox = [], BleedBox = [] } = boxesMm(join(out, 'print/countries/mali.pdf'));
    const [tx0 = 0, ty0 = 0, tx1 = 0, ty1 = 0] = TrimBox;
    const [bx0 = 0, by0 = 0, bx1 = 0, by1 = 0] = BleedBox;
    expect(tx1 - tx0).toBeCloseTo(210, 0);
    expect(ty1 - ty0).toBeCloseTo(297, 0);
    for (const bleed of [tx0 - bx0, ty0 - by0, bx1 - tx1, by1 - ty1]) expect(bleed).toBeCloseTo(5, 1);
    // The slug (10 mm) lies outside the bleed on every side: the crop marks' room.
    expect(bx0).toBeCloseTo(10, 1);
    expect((MediaBox[2] ?? 0) - bx1).toBeCloseTo(10, 1);
  });

  it('a print page that grows unevenly is one error at the style sheet that sizes it; the screen edition is still built', async () => {
    const out = await tempDir('factsheets-geometry-bad-');
    const result = await runCli([
      'build',
      '--print',
      '--templates',
      await templatesWithPrintPage('216mm 307mm'),
      '--out',
      out,
      '--only',
      'mali.en',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /styles\/one-pager\.css: error: one-pager mali \(print edition\): the print edition's page is 216 × 307 mm for a 210 × 297 mm trim \(the screen edition's page\): that is 3 mm of bleed across but 5 mm down\n  hint: Size the print edition's @page as the trim plus the same bleed on every side/,
    );
    expect(existsSync(join(out, 'countries/mali.pdf'))).toBe(true);
    expect(existsSync(join(out, 'print/countries/mali.pdf'))).toBe(false);
  });
});
