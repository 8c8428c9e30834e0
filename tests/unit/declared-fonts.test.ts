import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredFonts } from '../../src/fonts/embed.js';
import { fontFacts } from '../../src/fonts/font-file.js';
import { fontFaceRules, rangeIncludes, withoutFontDeclarations } from '../../src/fonts/font-rules.js';
import { loadSources } from '../../src/stages/load.js';
import { markdownToHtml } from '../../src/stages/render/markdown.js';
import { PROJECT, tempDir } from '../helpers/content.js';
import { readFileSync } from 'node:fs';

const LATIN = join(PROJECT, 'node_modules/@fontsource/source-sans-3/files/source-sans-3-latin-400-normal');

/** A project whose templates have one style sheet (and a font file, if given) and nothing else. */
async function templatesWith(css: string, font?: string) {
  const root = await tempDir('factsheets-fonts-');
  await mkdir(join(root, 'templates/styles'), { recursive: true });
  await mkdir(join(root, 'templates/fonts'), { recursive: true });
  await mkdir(join(root, 'content'), { recursive: true });
  await writeFile(join(root, 'templates/styles/brand.css'), css);
  if (font !== undefined) await copyFile(font, join(root, 'templates/fonts/brand.woff2'));
  await writeFile(join(root, 'templates/fonts/notes.txt'), 'not a font');
  return (await loadSources(join(root, 'content'), join(root, 'templates'))).templates;
}

describe('font files', () => {
  it('reads the same characters and PostScript name from a WOFF 2 file as from its WOFF twin', () => {
    const woff2 = fontFacts(readFileSync(`${LATIN}.woff2`));
    const woff = fontFacts(readFileSync(`${LATIN}.woff`));
    expect([...woff2.coverage].sort()).toEqual([...woff.coverage].sort());
    expect(woff2.coverage.has('é'.codePointAt(0) ?? 0)).toBe(true);
    expect(woff.postscriptName).toBe('SourceSans3-Regular');
    expect(() => fontFacts(Buffer.from('not a font at all'))).toThrow('not a TrueType, OpenType, WOFF or WOFF 2 font');
  });
});

describe('font declarations in style sheets', () => {
  const css =
    "/* brand */\n@import '@fontsource/lora/400.css';\n@font-face {\n  font-family: 'Brand Sans';\n  font-weight: 700;\n  src: url(\"../fonts/brand.woff2\") format('woff2');\n  unicode-range: U+0000-00FF, U+20AC;\n}\nbody { font-family: 'Brand Sans'; }\n";

  it("reads each rule's family, weight, style, range and sources, and leaves the rest of the sheet as it was", () => {
    expect(fontFaceRules(css)).toEqual([
      {
        family: 'Brand Sans',
        weight: '700',
        style: 'normal',
        unicodeRange: 'U+0000-00FF, U+20AC',
        sources: [{ url: '../fonts/brand.woff2', format: 'woff2' }],
        line: 3,
      },
    ]);
    expect(withoutFontDeclarations(css)).toBe("/* brand */\n\n\nbody { font-family: 'Brand Sans'; }\n");
    const range = rangeIncludes('U+0000-00FF, U+20AC, U+06??');
    expect([0x41, 0x20ac, 0x0627, 0x0700, 0x2030].map(range)).toEqual([true, true, true, false, false]);
  });

  it("embeds a font file kept with the templates, within its unicode-range, and an installed package's faces", async () => {
    const fonts = await declaredFonts(await templatesWith(css, `${LATIN}.woff2`));
    expect(fonts.coverage.families).toEqual(['Brand Sans', 'Lora']);
    const brand = fonts.faces.find((face) => face.family === 'Brand Sans');
    expect(brand).toMatchObject({
      weight: '700',
      postscriptName: 'SourceSans3ExtraLight-Regular',
      declaredIn: expect.stringMatching(/templates\/styles\/brand\.css$/),
    });
    expect(brand?.coverage.has(0x20ac)).toBe(true);
    expect(brand?.coverage.has(0x0153)).toBe(false); // œ is in the file, outside the rule's range
    expect(fonts.css).toMatch(
      /font-family: "Brand Sans";\n {2}font-style: normal;\n {2}font-weight: 700;\n {2}src: url\(data:font\/woff2;base64,d09GMg/,
    );
    expect(fonts.coverage.postscriptNames).toContain('Lora-Regular');
  });

  it.each([
    [
      "src: url('../fonts/missing.woff2');",
      /the @font-face rule for "Brand Sans" points at \.\.\/fonts\/missing\.woff2, which does not exist/,
    ],
    [
      "src: url('https://fonts.example.org/brand.woff2');",
      /points at https:\/\/fonts\.example\.org\/brand\.woff2, but pages fetch nothing/,
    ],
    ["src: url('../../../outside.woff2');", /which does not exist|outside the templates folder/],
    ["src: url('../fonts/notes.txt');", /points at \.\.\/fonts\/notes\.txt, which is not a font file/],
    ["src: local('Arial');", /has no src url\(\) of a font file/],
  ])('fails a rule with %s at its line in the style sheet', async (src, message) => {
    const templates = await templatesWith(`body { color: red; }\n@font-face { font-family: 'Brand Sans'; ${src} }\n`);
    const failure = await declaredFonts(templates).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      message: expect.stringMatching(message),
      line: 2,
      file: expect.stringMatching(/brand\.css$/),
    });
  });

  it("reads a package's CSS only from inside the package", async () => {
    const failure = await declaredFonts(
      await templatesWith("@import '@fontsource/lora/../../../etc/fonts.css';\n"),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      message:
        '@import "@fontsource/lora/../../../etc/fonts.css": a font package\'s file is named from the package, without . or .. in its path',
      line: 1,
    });
  });

  it('names a font package that is not installed, and how to install it', async () => {
    const failure = await declaredFonts(
      await templatesWith("\n\n@import '@fontsource/not-a-real-font-xyz/400.css';\n"),
    ).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      message:
        '@import "@fontsource/not-a-real-font-xyz/400.css": the font package @fontsource/not-a-real-font-xyz is not installed (or has no such file)',
      line: 3,
      hint: expect.stringMatching(/^Run npm install @fontsource\/not-a-real-font-xyz in the project folder/),
    });
  });
});

describe('right-to-left prose', () => {
  it('isolates Latin names, codes and figures in Arabic text, left to right', () => {
    expect(
      markdownToHtml(
        'في 2016–2017، صندوق EUTF (2016) و **EU Fund** بمبلغ €2.9 billion `ML` [Team Europe](lang:en).',
        undefined,
        'ar',
      ).html,
    ).toBe(
      '<p>في <bdi dir="ltr">2016–2017</bdi>، صندوق <bdi dir="ltr">EUTF</bdi> (<bdi dir="ltr">2016</bdi>) و <strong><bdi dir="ltr">EU Fund</bdi></strong> بمبلغ <bdi dir="ltr">€2.9 billion</bdi> <code>ML</code> <span lang="en" role="generic" dir="ltr">Team Eu\u00ADrope</span>.</p>',
    );
  });

  it('leaves left-to-right documents as they were', () => {
    expect(markdownToHtml('EUTF (2016) €2.9 bn', undefined, 'en').html).toBe('<p>EUTF (2016) €2.9 bn</p>');
    expect(markdownToHtml('ኢትዮጵያ 2016', undefined, 'am').html).toBe('<p>ኢትዮጵያ 2016</p>');
  });
});
