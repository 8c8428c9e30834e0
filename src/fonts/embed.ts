import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FactsheetsError } from '../errors.js';
import { woffCoverage } from './coverage.js';

/** The brand fonts, from @fontsource packages (SIL Open Font License), embedded in every PDF. */
export const BRAND_FONTS: readonly BrandFont[] = [
  { package: '@fontsource/source-sans-3', styles: ['400', '400-italic', '600', '700'], postscriptName: 'SourceSans3' },
  { package: '@fontsource/source-serif-4', styles: ['400-italic', '600', '700'], postscriptName: 'SourceSerif4' },
];

export interface BrandFont {
  readonly package: string;
  /** Weight and style files to embed, as @fontsource names them (`400`, `400-italic`). */
  readonly styles: readonly string[];
  /** How the font's name starts in a PDF (`/BaseFont /ABCDEF+SourceSans3-Bold`). */
  readonly postscriptName: string;
}

/** What the brand fonts can print: every code point some face has, and those every family has. */
export interface BrandCoverage {
  readonly any: ReadonlySet<number>;
  readonly all: ReadonlySet<number>;
  readonly postscriptNames: readonly string[];
}

/** Latin and Latin Extended cover Western and Central European names (Côte d'Ivoire, São Tomé) and €. */
const SUBSETS = new Set(['latin', 'latin-ext']);

const require = createRequire(import.meta.url);

/**
 * @font-face rules for the brand fonts with the WOFF2 files inlined as data: URIs. A font
 * referenced by URL fails silently under setContent and Chromium falls back to a system font;
 * inline data cannot go missing, and the page needs no file access at all.
 */
export async function embeddedFontFaces(fonts = BRAND_FONTS): Promise<string> {
  const rules: string[] = [];
  for (const font of fonts) {
    const root = packageRoot(font);
    const family = font.package.split('/').pop() ?? font.package;
    for (const style of font.styles) {
      const css = await readFile(join(root, `${style}.css`), 'utf8');
      // Each rule is preceded by a comment naming it: /* source-sans-3-latin-ext-400-normal */
      for (const block of css.split(/(?=\/\*)/)) {
        const name = /^\/\*\s*(\S+)\s*\*\//.exec(block)?.[1] ?? '';
        const subset = name.startsWith(`${family}-`) ? name.slice(family.length + 1).replace(/-\d{3}-(normal|italic)$/, '') : '';
        if (!SUBSETS.has(subset)) continue;
        rules.push(await inlineWoff2(block, root));
      }
    }
  }
  return rules.join('\n');
}

/**
 * The characters the embedded subsets can print, from the fonts' own character maps (one
 * style per family: weights and styles of a family cover the same characters).
 */
export async function brandCoverage(fonts = BRAND_FONTS): Promise<BrandCoverage> {
  const families: Set<number>[] = [];
  for (const font of fonts) families.push(await styleCoverage(font, font.styles[0] ?? '400'));
  const any = new Set(families.flatMap((family) => [...family]));
  const all = new Set([...any].filter((code) => families.every((family) => family.has(code))));
  return { any, all, postscriptNames: fonts.map((font) => font.postscriptName) };
}

/** The code points one embedded style (`400`, `400-italic`) has glyphs for, over the embedded subsets. */
export async function styleCoverage(font: BrandFont, styleName: string): Promise<Set<number>> {
  const root = packageRoot(font);
  const family = font.package.split('/').pop() ?? font.package;
  const [weight = '400', style = 'normal'] = styleName.split('-');
  const covered = new Set<number>();
  for (const subset of SUBSETS) {
    const file = join(root, 'files', `${family}-${subset}-${weight}-${style === 'italic' ? 'italic' : 'normal'}.woff`);
    for (const code of woffCoverage(await readFile(file))) covered.add(code);
  }
  return covered;
}

function packageRoot(font: BrandFont): string {
  try {
    return dirname(require.resolve(`${font.package}/package.json`));
  } catch (error) {
    throw new FactsheetsError(`the font package ${font.package} is not installed`, {
      stage: 'load', hint: 'Run npm ci (or npm install) in the project folder.', cause: error,
    });
  }
}

/** Replaces the block's `src` with its WOFF2 file as a data: URI (the WOFF fallback is not needed by Chromium). */
async function inlineWoff2(block: string, root: string): Promise<string> {
  const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block)?.[1];
  if (file === undefined) throw new FactsheetsError(`unexpected @font-face rule in ${root}`, { stage: 'load' });
  const data = (await readFile(join(root, file))).toString('base64');
  return block.replace(/src:[^;]+;/, `src: url(data:font/woff2;base64,${data}) format('woff2');`).trim();
}
