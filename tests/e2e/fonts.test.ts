import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/content.js';
import { pdfFonts, pdfText } from '../helpers/pdf.js';

describe('brand fonts (real Chromium)', () => {
  it('fails a document with characters the fonts lack, naming them, and builds the one that has none', async () => {
    const out = await tempDir();
    const result = await runCli(['build', '--content', 'tests/fixtures/missing-glyphs', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'tests/fixtures/missing-glyphs/countries/mali.md: error: uses characters the brand fonts lack: ' +
        '"Б" (U+0411), "а" (U+0430), "м" (U+043C), "к" (U+043A), "о" (U+043E), "🙂" (U+1F642)\n' +
        '  hint: Replace them (or transliterate), or add a font that has them to BRAND_FONTS in src/stages/fonts.ts.\n' +
        'warning: briefing-pack.pdf was not rebuilt: some English documents failed\n',
    );
    const saoTome = join(out, 'countries/sao-tome.pdf');
    expect(pdfText(saoTome)).toContain("Côte d'Ivoire, São Tomé and Príncipe, Ghana: €1.2 million.");
    for (const font of pdfFonts(saoTome)) expect(font.name).toMatch(/^[A-Z]{6}\+(SourceSans3|SourceSerif4)/);
  });
});
