import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { PROJECT, TEMPLATES, tempDir, writeContent } from '../helpers/content.js';
import { pdfFonts, pdfText } from '../helpers/pdf.js';

const DATASET =
  'country,instrument,programme,sector,year,amount_eur,status,source\nML,European Development Fund,State-building contract,Governance,2016,60000000,paid,"Sample data: illustrative"\n';

const CODE_BRIEF = `---
name: Mali
iso: ML
---

## Codes

The dataset names Mali \`ML\` and its instrument \`EDF\`.

\`\`\`
country,amount_eur
ML,60000000
\`\`\`
`;

describe('fonts the templates declare (real Chromium)', () => {
  it('builds a brief with inline code and a fenced block, in the declared monospace face', async () => {
    const content = await writeContent({ 'countries/mali.md': CODE_BRIEF, 'funding.csv': DATASET });
    const out = await tempDir();
    const result = await runCli(['build', '--content', content, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const pdf = join(out, 'countries/mali.pdf');
    expect(pdfText(pdf)).toContain('ML,60000000');
    // (The @fontsource files name their instances after the variable font they are cut from: SourceCodeProExtraLight-Regular.)
    expect(
      pdfFonts(pdf)
        .map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))
        .filter((name) => name.startsWith('SourceCodePro')),
    ).toHaveLength(1);
  });

  it('builds a project whose templates declare its own brand font, installed from npm, with that font only', async () => {
    const project = await tempDir('factsheets-brand-');
    // The project's own templates, and its own installed package (as `npm install @fontsource/lora` leaves it).
    await cp(TEMPLATES, join(project, 'templates'), { recursive: true });
    await cp(join(PROJECT, 'node_modules/@fontsource/lora'), join(project, 'node_modules/@fontsource/lora'), {
      recursive: true,
    });
    const styles = join(project, 'templates/styles');
    await writeFile(
      join(styles, 'fonts.css'),
      [
        "@import '@fontsource/lora/400.css';",
        "@import '@fontsource/lora/400-italic.css';",
        "@import '@fontsource/lora/600.css';",
        "@import '@fontsource/lora/700.css';",
        ":root { --sans: 'Lora', serif; --serif: 'Lora', serif; --mono: 'Lora', serif; }",
      ].join('\n'),
    );
    for (const name of await readdir(styles)) {
      const file = join(styles, name);
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace(/'Source Sans 3'(, 'Vazirmatn', 'Noto Sans Ethiopic')?/g, "'Lora'"),
      );
    }
    await mkdir(join(project, 'content/countries'), { recursive: true });
    await writeFile(join(project, 'content/countries/mali.md'), CODE_BRIEF);
    await writeFile(join(project, 'content/funding.csv'), DATASET);
    const result = await runCli(['build'], { cwd: project });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const pdf of ['output/countries/mali.pdf', 'output/briefing-pack.pdf']) {
      const names = pdfFonts(join(project, pdf)).map((font) => font.name.replace(/^[A-Z]{6}\+/, ''));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name).toMatch(/^Lora-/);
    }
  });

  it('fails a page in a font its templates name but do not declare, naming the style sheet to declare it in', async () => {
    const project = await tempDir('factsheets-undeclared-');
    await cp(TEMPLATES, join(project, 'templates'), { recursive: true });
    const fonts = join(project, 'templates/styles/fonts.css');
    // Code set in the system's monospace font, as the templates did before they declared one.
    await writeFile(fonts, (await readFile(fonts, 'utf8')).replace(/--mono: [^;]+;/, '--mono: monospace;'));
    await mkdir(join(project, 'content/countries'), { recursive: true });
    await writeFile(join(project, 'content/countries/mali.md'), CODE_BRIEF);
    await writeFile(join(project, 'content/funding.csv'), DATASET);
    const result = await runCli(['build'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^content\/countries\/mali\.md: error: printed in fonts the templates do not declare: \S+/,
    );
    expect(result.stderr).toContain('declare a font that has them in templates/styles/fonts.css');
    expect(result.stderr).not.toMatch(/src\/|BRAND_FONTS/);
  });

  it('says which declaration is wrong: a font file that is not there, at its line', async () => {
    const project = await tempDir('factsheets-missing-font-');
    await cp(TEMPLATES, join(project, 'templates'), { recursive: true });
    await writeFile(
      join(project, 'templates/styles/brand.css'),
      "/* The brand face */\n@font-face {\n  font-family: 'Brand';\n  src: url('../fonts/brand.woff2') format('woff2');\n}\n",
    );
    await mkdir(join(project, 'content/countries'), { recursive: true });
    await writeFile(join(project, 'content/countries/mali.md'), CODE_BRIEF);
    await writeFile(join(project, 'content/funding.csv'), DATASET);
    const result = await runCli(['build'], { cwd: project });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'templates/styles/brand.css:2: error: the @font-face rule for "Brand" points at ../fonts/brand.woff2, which does not exist (templates/fonts/brand.woff2)\n' +
        '  hint: Put the font file there, or correct the url(): it is relative to the style sheet.\n',
    );
  });
});
