import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tempDir, writeContent } from '../helpers/content.js';
import { pdfFonts, pdfText } from '../helpers/pdf.js';

describe('brand fonts (real Chromium)', () => {
  it('fails a document with characters the fonts lack, naming them, and builds the one that has none', async () => {
    const out = await tempDir();
    const result = await runCli(['build', '--content', 'tests/fixtures/missing-glyphs', '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'tests/fixtures/missing-glyphs/countries/mali.md: error: uses characters the declared fonts lack: ' +
        '"ब" (U+092C) in "बमाको", "म" (U+092E) in "बमाको", "ा" (U+093E) in "बमाको", "क" (U+0915) in "बमाको", "ो" (U+094B) in "बमाको", "🙂" (U+1F642)\n' +
        '  hint: Replace them (or transliterate), or declare a font that has them in templates/styles/fonts.css: an @font-face rule pointing at a font file kept with the templates, ' +
        'or @import of an installed font package (declared now: Source Sans 3, Source Serif 4, Source Code Pro, Vazirmatn, Scheherazade New, Noto Sans Ethiopic).\n' +
        'warning: briefing-pack.pdf was not rebuilt: some English documents failed\n',
    );
    const saoTome = join(out, 'countries/sao-tome.pdf');
    expect(pdfText(saoTome)).toContain("Côte d'Ivoire, São Tomé and Príncipe, Ghana: €1.2 million.");
    for (const font of pdfFonts(saoTome)) expect(font.name).toMatch(/^[A-Z]{6}\+(SourceSans3|SourceSerif4)/);
  });

  it('blames a character the fonts lack on the dataset cell it comes from, not on the brief', async () => {
    const content = await writeContent({
      'countries/mali.md': '---\nname: Mali\niso: ML\n---\n\nNarrative.\n',
      // U+0F40, a Tibetan letter: no default font has it.
      'funding.csv':
        'country,instrument,year,amount_eur,status\nML,Fund,2016,1000000,paid\nML,Fund \u0F40,2017,500000,paid\n',
    });
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe(
      `${join(content, 'funding.csv')}:3:4: error: column "instrument": holds characters the declared fonts lack, which countries/mali.pdf prints: "\u0F40" (U+0F40)`,
    );
  });
});
