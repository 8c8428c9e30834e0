import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { FactsheetsError } from '../errors.js';

/** The brand fonts, from @fontsource packages (SIL Open Font License), embedded in every PDF. */
export const BRAND_FONTS: readonly { readonly package: string; readonly styles: readonly string[] }[] = [
  { package: '@fontsource/source-sans-3', styles: ['400', '400-italic', '600', '700'] },
  { package: '@fontsource/source-serif-4', styles: ['400-italic', '600', '700'] },
];

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
    let root: string;
    try {
      root = dirname(require.resolve(`${font.package}/package.json`));
    } catch (error) {
      throw new FactsheetsError(`the font package ${font.package} is not installed`, {
        stage: 'load', hint: 'Run npm ci (or npm install) in the project folder.', cause: error,
      });
    }
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

/** Replaces the block's `src` with its WOFF2 file as a data: URI (the WOFF fallback is not needed by Chromium). */
async function inlineWoff2(block: string, root: string): Promise<string> {
  const file = /url\(\.\/(files\/[^)]+\.woff2)\)/.exec(block)?.[1];
  if (file === undefined) throw new FactsheetsError(`unexpected @font-face rule in ${root}`, { stage: 'load' });
  const data = (await readFile(join(root, file))).toString('base64');
  return block.replace(/src:[^;]+;/, `src: url(data:font/woff2;base64,${data}) format('woff2');`).trim();
}
